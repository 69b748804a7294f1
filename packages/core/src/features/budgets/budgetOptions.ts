import { isPlainObject, PerfscopeOptionError, checkNumber } from '../../kernel/options.ts'
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

function pattern(option: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new PerfscopeOptionError(option, 'must be an endpoint key or glob such as "GET /api/*"', value)
  }
}

/**
 * Checks a list of `{ match, [a], [b] }` (quotas, prices): a pattern each, and at least one of two numbers, which
 * must be ≥ 0 (or > 0 when `positive`).
 */
function matchList(option: string, list: unknown, a: string, b: string, positive: boolean): void {
  const shape = `{ match, ${a}, ${b} }`
  if (!Array.isArray(list)) throw new PerfscopeOptionError(option, `must be an array of ${shape}`, list)
  for (const [i, item] of list.entries()) {
    const at = `${option}[${i}]`
    if (!isPlainObject(item)) throw new PerfscopeOptionError(at, `must be an object ${shape}`, item)
    pattern(`${at}.match`, item.match)
    checkNumber(`${at}.${a}`, item[a], positive)
    checkNumber(`${at}.${b}`, item[b], positive)
    if (item[a] === undefined && item[b] === undefined) throw new PerfscopeOptionError(at, `needs ${a} or ${b}`, item)
  }
}

/**
 * Checks `budgets` and returns it typed; wrong types throw a `PerfscopeOptionError`. The budget file's content is
 * not read here: its checks weigh as much as the rest of the eager code, and a file that does not read is shown
 * rather than thrown (see `BudgetState.fileError`).
 */
export function resolveBudgetOptions(value: unknown): BudgetOptions {
  if (value === undefined) return {}
  if (!isPlainObject(value))
    throw new PerfscopeOptionError('budgets', 'must be an object { file, environment, quotas, cost }', value)
  for (const key of Object.keys(value)) {
    if (!['file', 'environment', 'quotas', 'cost'].includes(key))
      throw new PerfscopeOptionError(`budgets.${key}`, 'is not an option (known: file, environment, quotas, cost)', key)
  }
  if (value.environment !== undefined && typeof value.environment !== 'string') {
    throw new PerfscopeOptionError('budgets.environment', 'must be a string such as "development"', value.environment)
  }
  // The file's content is read with the budgets' code, at the first idle moment (see createBudgetWatcher).
  if (value.file !== undefined && !isPlainObject(value.file))
    throw new PerfscopeOptionError('budgets.file', 'must be a budget file object { budgets, environments }', value.file)
  if (value.quotas !== undefined) matchList('budgets.quotas', value.quotas, 'perMinute', 'perHour', true)
  const cost = value.cost
  if (cost !== undefined) {
    if (!isPlainObject(cost))
      throw new PerfscopeOptionError('budgets.cost', 'must be an object { prices, monthlyBudget, currency }', cost)
    matchList('budgets.cost.prices', cost.prices, 'per1000Calls', 'perGB', false)
    checkNumber('budgets.cost.monthlyBudget', cost.monthlyBudget)
    if (cost.currency !== undefined && typeof cost.currency !== 'string')
      throw new PerfscopeOptionError('budgets.cost.currency', 'must be a string such as "USD"', cost.currency)
  }
  return value as BudgetOptions
}
