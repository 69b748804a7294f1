import { isPlainObject, PerfscopeOptionError } from '../../kernel/options.ts'
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

function nonNegative(option: string, value: unknown, positive = false): void {
  if (value === undefined) return
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (positive && value === 0)) {
    throw new PerfscopeOptionError(option, positive ? 'must be a positive number' : 'must be a number ≥ 0', value)
  }
}

function pattern(option: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new PerfscopeOptionError(option, 'must be an endpoint key or glob such as "GET /api/*"', value)
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
  const quotas = value.quotas
  if (quotas !== undefined && !Array.isArray(quotas))
    throw new PerfscopeOptionError('budgets.quotas', 'must be an array of { match, perMinute, perHour }', quotas)
  for (const [i, q] of (quotas ?? []).entries()) {
    const at = `budgets.quotas[${i}]`
    if (!isPlainObject(q)) throw new PerfscopeOptionError(at, 'must be an object { match, perMinute, perHour }', q)
    pattern(`${at}.match`, q.match)
    nonNegative(`${at}.perMinute`, q.perMinute, true)
    nonNegative(`${at}.perHour`, q.perHour, true)
    if (q.perMinute === undefined && q.perHour === undefined)
      throw new PerfscopeOptionError(at, 'needs perMinute or perHour', q)
  }
  const cost = value.cost
  if (cost !== undefined) {
    if (!isPlainObject(cost))
      throw new PerfscopeOptionError('budgets.cost', 'must be an object { prices, monthlyBudget, currency }', cost)
    if (!Array.isArray(cost.prices))
      throw new PerfscopeOptionError(
        'budgets.cost.prices',
        'must be an array of { match, per1000Calls, perGB }',
        cost.prices,
      )
    for (const [i, p] of cost.prices.entries()) {
      const at = `budgets.cost.prices[${i}]`
      if (!isPlainObject(p)) throw new PerfscopeOptionError(at, 'must be an object { match, per1000Calls, perGB }', p)
      pattern(`${at}.match`, p.match)
      nonNegative(`${at}.per1000Calls`, p.per1000Calls)
      nonNegative(`${at}.perGB`, p.perGB)
      if (p.per1000Calls === undefined && p.perGB === undefined)
        throw new PerfscopeOptionError(at, 'needs per1000Calls or perGB', p)
    }
    nonNegative('budgets.cost.monthlyBudget', cost.monthlyBudget, true)
    if (cost.currency !== undefined && typeof cost.currency !== 'string')
      throw new PerfscopeOptionError('budgets.cost.currency', 'must be a string such as "USD"', cost.currency)
  }
  return value as BudgetOptions
}
