import type { Feature } from '../../kernel/feature.ts'
import { lazySource } from '../../kernel/lazySource.ts'
import { PerfscopeOptionError } from '../../kernel/options.ts'
import type { BudgetFile } from '../../types.ts'
import { checkBudgetFile, resolveBudgetOptions, type BudgetOptions } from './budgetOptions.ts'
import type { BudgetWatcher } from './budgetWatcher.ts'

/** `monitor.budgets`: the live budgets and their alerts (`snapshot().alerts`, `snapshot().budgets`). */
export interface BudgetsApi {
  /** Marks an active alert of `snapshot().alerts` acknowledged (it stays so while active); false for an unknown id. */
  acknowledge(id: string): boolean
  /** Switches the budget set to an environment of the budget file (null: the top-level budgets) and re-checks. */
  setEnvironment(environment: string | null): void
  /** Replaces the budget file at run time (null: defaults only). Throws a `BudgetFileError` naming metric and level. */
  set(file: BudgetFile | null): void
}

/**
 * Budgets, quotas, cost and the alerts they raise, with runaway, health and leak alerts. Options and files are
 * checked at once (a wrong one throws where it is given); the watcher loads at the first idle moment.
 */
export const budgetsFeature: Feature<BudgetOptions, BudgetsApi> = {
  name: 'budgets',
  collects: false,
  resolveOptions: resolveBudgetOptions,
  slice: { alerts: [], budgets: null, quotas: [], costs: null },
  create(kernel, options) {
    let file = options.file ?? null
    let environment = options.environment ?? null
    let watcher: Promise<BudgetWatcher> | null = null
    let loaded: BudgetWatcher | null = null
    const load = () =>
      (watcher ??= import('./budgetWatcher.ts').then(
        (m) => (loaded = m.createBudgetWatcher(kernel.context, options, { file, environment })),
      ))
    return {
      sources: [
        lazySource('budgets', null, () =>
          load().then(
            (w) => w.source,
            (error: unknown) => {
              watcher = null
              throw error
            },
          ),
        ),
      ],
      api: {
        acknowledge: (id) => loaded?.acknowledge(id) ?? false,
        setEnvironment(next) {
          if (next !== null && typeof next !== 'string')
            throw new PerfscopeOptionError('budgets.environment', 'must be a string or null', next)
          if (file) checkBudgetFile(file, next ?? undefined)
          environment = next
          loaded?.setEnvironment(next)
        },
        set(next) {
          file = next === null ? null : checkBudgetFile(next, environment ?? undefined)
          loaded?.setFile(file)
        },
      },
    }
  },
}
