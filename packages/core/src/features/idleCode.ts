/**
 * The code the features load at the page's first idle moment, gathered in one module so that a bundler makes one
 * chunk of it: the browser then fetches, compiles and runs one file at that moment instead of one per feature,
 * which measured about 2 ms of main-thread script per extra chunk, and each lazy import site costs eager bytes.
 * Code loaded only on first use (the load runner, reports and exports, the transport codec) stays apart.
 */
export * from './observers/observerSources.ts'
export { webVitalsSource } from './vitals/webVitals.ts'
export { RequestLog } from './export/requestLog.ts'
export { buildReport } from './export/report.ts'
export { collectorSource } from './network/collectorSource.ts'
export { renderStatsSource } from './renders/renders.ts'
export { createTransportSource } from './transport/transportSource.ts'
export { createBudgetWatcher } from './budgets/budgetWatcher.ts'
export { createHistory } from './history/history.ts'
