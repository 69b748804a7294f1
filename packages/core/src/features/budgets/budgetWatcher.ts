import { IdleTask } from '../../lib/idleTask.ts'
import { PerfscopeOptionError } from '../../kernel/options.ts'
import type { MonitorContext, Source } from '../../kernel/source.ts'
import type { MonitorStore } from '../../kernel/store.ts'
import type { Snapshot } from '../../types.ts'
import { AlertBook } from './alerts.ts'
import type { BudgetFile } from './budgetFile.ts'
import { checkBudgetFile, STANDARD_ENVIRONMENTS, type BudgetOptions } from './budgetOptions.ts'
import { compilePrices, costBreaches, projectLoadRun, projectObserved, type CostState } from './cost.ts'
import { appliedBudgets, budgetBreaches, compileLiveBudgets, type AppliedBudget, type LiveBudgetRule } from './liveBudgets.ts'
import { QuotaMeter, quotaBreaches } from './quotas.ts'

/** `snapshot().budgets`: the environment whose budgets apply, the ones it offers, and every budget checked live. */
export interface BudgetState {
  /** The budget file in force (as given to `createMonitor` or `setBudgets`), or null for defaults only. */
  file: BudgetFile | null
  environment: string | null
  environments: string[]
  rules: LiveBudgetRule[]
  /** Per endpoint seen, the budgets it is checked against and where they come from. */
  applied: AppliedBudget[]
}

/** The live side of budgets: checks vitals, endpoints, quotas and cost whenever they change, and keeps the alerts. */
export interface BudgetWatcher {
  source: Source
  acknowledge(id: string): boolean
  setEnvironment(environment: string | null): void
  setFile(file: BudgetFile | null): void
}

const changedInputs = (s: Snapshot, p: Snapshot) => s.endpoints !== p.endpoints || s.vitals !== p.vitals || s.load?.last !== p.load?.last

export function createBudgetWatcher(context: MonitorContext, store: MonitorStore, options: BudgetOptions): BudgetWatcher {
  let file = options.file ?? null
  let environment = options.environment ?? null
  let live = compileLiveBudgets(file ?? undefined, environment ?? undefined)
  const meter = new QuotaMeter(options.quotas ?? [])
  const prices = options.cost ? compilePrices(options.cost) : null
  const book = new AlertBook()

  const budgetState = (): BudgetState => ({
    file,
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
      book.update([...budgetBreaches(live, s), ...quotaBreaches(quotas), ...(cost ? costBreaches(cost) : [])], now)
      context.publish({ alerts: book.list(), quotas, costs: cost, budgets: budgetState() })
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
      const off = store.subscribe((s, previous) => {
        if (changedInputs(s, previous)) idle.schedule()
      })
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
      if (next !== null && typeof next !== 'string') throw new PerfscopeOptionError('budgets.environment', 'must be a string or null', next)
      if (file) checkBudgetFile(file, next ?? undefined)
      environment = next
      recompile()
    },
    setFile(next) {
      file = next === null ? null : checkBudgetFile(next, environment ?? undefined)
      recompile()
    },
  }
}
