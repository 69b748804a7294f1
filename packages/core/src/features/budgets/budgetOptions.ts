import { isPlainObject, PerfscopeOptionError } from '../../kernel/options.ts'
import {
  isNonNegative,
  isPositive,
  listOf,
  objectOf,
  optional,
  required,
  when,
  type Rule,
} from '../../kernel/optionRules.ts'
import type { BudgetFile } from './budgetFile.ts'
import type { CostModel } from './cost.ts'
import type { QuotaOption } from './quotas.ts'

/** The environments the overlay offers even when the budget file names none. */
export const STANDARD_ENVIRONMENTS = ['development', 'staging', 'production'] as const

/** `createMonitor({ budgets })`: live budgets, call quotas and a cost model, all checked as the app runs. */
export interface BudgetOptions {
  /** The budget file `perfscope check` reads; endpoint keys may be globs (`GET /api/*`) here. */
  file?: BudgetFile
  /** Whose budget set applies: `environments[environment]` replaces the top-level budgets per metric. */
  environment?: 'development' | 'staging' | 'production' | (string & {})
  quotas?: QuotaOption[]
  cost?: CostModel
}

const pattern = required(
  when<string>((v) => typeof v === 'string' && v.trim() !== '', 'must be an endpoint key or glob such as "GET /api/*"'),
)

/** `{ match, …numbers }` items (quotas, prices): a pattern each, and at least one of the numbers. */
function matchList<R extends Record<string, Rule<number | undefined>>>(numbers: R) {
  const names = Object.keys(numbers)
  const item = objectOf({ match: pattern, ...numbers })
  return listOf(
    required((value, option) => {
      const checked = item(value, option)
      if (names.every((name) => checked[name] === undefined))
        throw new PerfscopeOptionError(option, `needs ${names.join(' or ')}`, value)
      return checked
    }),
    `{ match, ${names.join(', ')} }`,
  )
}

const budgetRules = objectOf({
  // The file's content is read with the budgets' code, at the first idle moment (see createBudgetWatcher).
  file: when<BudgetFile>(isPlainObject, 'must be a budget file object { budgets, environments }'),
  environment: when<string>((v) => typeof v === 'string', 'must be a string such as "development"'),
  quotas: matchList({ perMinute: isPositive, perHour: isPositive }),
  cost: optional(
    objectOf({
      prices: required(matchList({ per1000Calls: isNonNegative, perGB: isNonNegative })),
      monthlyBudget: isPositive,
      currency: when<string>((v) => typeof v === 'string', 'must be a string such as "USD"'),
    }),
  ),
})

/**
 * Checks `budgets` and returns a checked copy; wrong types throw a `PerfscopeOptionError`. The budget file's
 * content is not read here: its checks weigh as much as the rest of the eager code, and a file that does not read
 * is shown rather than thrown (see `BudgetState.fileError`).
 */
export const resolveBudgetOptions = (value: unknown): BudgetOptions => budgetRules(value, 'budgets')
