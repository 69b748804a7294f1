import { IdleTask } from '../../lib/idleTask.ts'
import type { MonitorContext, Source } from '../../kernel/source.ts'
import type { Snapshot } from '../../types.ts'
import { AlertBook } from './alerts.ts'
import { BudgetFileError, checkBudgetFile, type BudgetFile } from './budgetFile.ts'
import { STANDARD_ENVIRONMENTS, type BudgetOptions } from './budgetOptions.ts'
import { compilePrices, costBreaches, projectLoadRun, projectObserved, type CostState } from './cost.ts'
import { appliedBudgets, budgetBreaches, compileLiveBudgets } from './liveBudgets.ts'
import { healthBreaches } from './healthAlerts.ts'
import { QuotaMeter, quotaBreaches } from './quotas.ts'
import type { BudgetState } from '../../types.ts'
export type { BudgetState }

/** The live side of budgets: checks vitals, endpoints, quotas and cost whenever they change, and keeps the alerts. */
export interface BudgetWatcher {
  source: Source
  acknowledge(id: string): boolean
  /** Switches the budget set; the file in force was read for every environment it names, so this cannot fail. */
  setEnvironment(environment: string | null): void
  /** Replaces the file; throws a `BudgetFileError` (naming metric and level) for one that does not read. */
  setFile(file: BudgetFile | null): void
}

/** What alerts are computed from: a change to any of them schedules one evaluation. */
const inputsOf = (s: Snapshot) =>
  [s.endpoints, s.channels, s.vitals, s.load?.last, s.memory?.leakSuspected, s.errors.count] as const
const sameInputs = (a: ReturnType<typeof inputsOf>, b: ReturnType<typeof inputsOf>) =>
  a.every((value, i) => Object.is(value, b[i]))

/**
 * Creates the watcher with the budget file given to `createMonitor` and the environment in force. The file is
 * read here, where the budgets' code is: one that does not read is reported in the errors and shown in
 * `BudgetState.fileError`, and the defaults apply. It raises budget, quota and cost alerts, and the alerts no
 * budget names: runaways, failing or degraded endpoints, a suspected leak, and errors inside perfscope.
 */
export function createBudgetWatcher(
  context: MonitorContext,
  options: BudgetOptions,
  environment: string | null,
): BudgetWatcher {
  let file: BudgetFile | null = null
  let fileError: string | null = null
  try {
    if (options.file) file = checkBudgetFile(options.file, environment ?? undefined, 'option "budgets.file"')
  } catch (error) {
    if (!(error instanceof BudgetFileError)) throw error
    fileError = error.message
    context.guard.report('budgets', error)
  }
  let live = compileLiveBudgets(file ?? undefined, environment ?? undefined)
  const meter = new QuotaMeter(options.quotas ?? [])
  const prices = options.cost ? compilePrices(options.cost) : null
  const book = new AlertBook()

  const budgetState = (): BudgetState => ({
    file,
    fileError,
    environment,
    environments: [...new Set([...STANDARD_ENVIRONMENTS, ...Object.keys(file?.environments ?? {})])],
    rules: live.rules,
    applied: appliedBudgets(live, context.read().endpoints),
  })

  const costs = (s: Snapshot, now: number): CostState | null => {
    if (!prices || !options.cost) return null
    const budget = options.cost.monthlyBudget ?? null
    const fraction = (amount: number) => (budget ? amount / budget : null)
    const observed = projectObserved(prices, s.endpoints, s.startedAt === null ? 0 : now - s.startedAt)
    const run = s.load?.last
    const atLoad = run ? projectLoadRun(prices, run, s.endpoints) : null
    return {
      ...observed,
      currency: options.cost.currency ?? 'USD',
      budget,
      fraction: fraction(observed.projectedMonthly),
      loadRun: run && atLoad ? { ...atLoad, runId: run.runId, fraction: fraction(atLoad.projectedMonthly) } : null,
    }
  }

  const evaluate = () =>
    context.guard.run('budgets', () => {
      const s = context.read()
      const now = Date.now()
      const quotas = meter.update(s.endpoints, now)
      const cost = costs(s, now)
      const budgeted = [...budgetBreaches(live, s), ...quotaBreaches(quotas), ...(cost ? costBreaches(cost) : [])]
      const changed = book.update([...budgeted, ...healthBreaches(s, new Set(budgeted.map((b) => b.metric)))], now)
      // A new alert list only when an alert started, changed or ended: readers of `alerts` re-render on change only.
      context.publish({ ...(changed ? { alerts: book.list() } : {}), quotas, costs: cost, budgets: budgetState() })
    })
  const idle = new IdleTask(evaluate)

  const recompile = () => {
    live = compileLiveBudgets(file ?? undefined, environment ?? undefined)
    context.publish({ budgets: budgetState() })
    evaluate()
  }

  const source: Source = {
    name: 'budgets',
    metric: null,
    start() {
      context.publish({ budgets: budgetState() })
      idle.schedule()
      // Event-driven: work only when what budgets look at changed, coalesced into one idle callback.
      const off = context.subscribe(inputsOf, () => idle.schedule(), sameInputs)
      return () => {
        off()
        idle.flush()
      }
    },
  }

  return {
    source,
    acknowledge(id) {
      const found = book.acknowledge(id)
      if (found) context.publish({ alerts: book.list() })
      return found
    },
    setEnvironment(next) {
      environment = next
      recompile()
    },
    setFile(next) {
      file = next === null ? null : checkBudgetFile(next, environment ?? undefined, 'monitor.budgets.set()')
      fileError = null
      recompile()
    },
  }
}
