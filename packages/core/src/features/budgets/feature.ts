import type { Feature } from '../../kernel/feature.ts'
import { lazySource } from '../../kernel/lazySource.ts'
import { isPlainObject, PerfscopeOptionError } from '../../kernel/options.ts'
import type { BudgetFile } from '../../types.ts'
import { resolveBudgetOptions, type BudgetOptions } from './budgetOptions.ts'
import type { BudgetWatcher } from './budgetWatcher.ts'
import { loadIdleCode } from '../loadIdleCode.ts'

/** `monitor.budgets`: the live budgets and their alerts (`snapshot().alerts`, `snapshot().budgets`). */
export interface BudgetsApi {
  /** Marks an active alert of `snapshot().alerts` acknowledged (it stays so while active); false for an unknown id. */
  acknowledge(id: string): boolean
  /** Switches the budget set to an environment of the budget file (null: the top-level budgets) and re-checks. */
  setEnvironment(environment: string | null): void
  /**
   * Replaces the budget file at run time (null: defaults only). Settles once the file is in force; rejects with a
   * `BudgetFileError` naming metric and level for a file that does not read (the file in force stays).
   */
  set(file: BudgetFile | null): Promise<void>
}

/**
 * Budgets, quotas, cost and the alerts they raise, with runaway, health and leak alerts. Option types are
 * checked at once (a wrong one throws where it is given); the watcher, and with it the reading of budget files,
 * loads at the first idle moment or with the first `set()`.
 */
export const budgetsFeature: Feature<BudgetOptions, BudgetsApi> = {
  name: 'budgets',
  collects: false,
  resolveOptions: resolveBudgetOptions,
  slice: { alerts: [], budgets: null, quotas: [], costs: null },
  create(kernel, options) {
    let environment = options.environment ?? null
    let watcher: Promise<BudgetWatcher> | null = null
    let loaded: BudgetWatcher | null = null
    const load = () =>
      (watcher ??= loadIdleCode().then(
        (m) => (loaded = m.createBudgetWatcher(kernel.context, options, environment)),
        (error: unknown) => {
          // A chunk that could not load is asked for again by the next call.
          watcher = null
          throw error
        },
      ))
    return {
      sources: [lazySource('budgets', null, () => load().then((w) => w.source))],
      api: {
        acknowledge: (id) => loaded?.acknowledge(id) ?? false,
        setEnvironment(next) {
          if (next !== null && typeof next !== 'string')
            throw new PerfscopeOptionError('budgets.environment', 'must be a string or null', next)
          environment = next
          loaded?.setEnvironment(next)
        },
        async set(next) {
          if (next !== null && !isPlainObject(next))
            throw new PerfscopeOptionError('budgets.set()', 'takes a budget file object or null', next)
          const checker = await load()
          checker.setFile(next)
        },
      },
    }
  },
}
