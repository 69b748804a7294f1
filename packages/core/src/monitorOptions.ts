import type { BudgetOptions } from './features/budgets/budgetOptions.ts'
import type { HistoryOptions } from './features/history/history.ts'
import type { LoadOptions } from './features/load/loadOptions.ts'
import type { NetworkOptions } from './features/network/networkOptions.ts'
import type { TransportOptions } from './features/transport/options.ts'
import type { Source } from './kernel/source.ts'
import type { MetricName } from './types.ts'

/** Options of `createMonitor`. Every option is optional; wrong types are rejected with a clear error. */
export interface MonitorOptions {
  /** Per-metric filters: `false` means the metric is not collected at all. All metrics are on by default. */
  metrics?: Partial<Record<MetricName, boolean>>
  /** Daily history in IndexedDB (on by default); `now` moves the clock for tests. */
  history?: HistoryOptions
  /** What the load simulator may do: allowed origins, the non-development opt-in, raised caps. */
  load?: LoadOptions
  /** Piggybacked transport of samples to the server (on by default). */
  transport?: TransportOptions
  /** Replaces the sources that collect from the page (for tests and advanced setups). */
  sources?: readonly Source[]
  /** Network interceptors: redaction, captured headers, route templates, budgets, runaway ceiling. */
  network?: NetworkOptions
  /** Live budgets (a budget file and its environment), call quotas and a cost model, checked as the app runs. */
  budgets?: BudgetOptions
}
