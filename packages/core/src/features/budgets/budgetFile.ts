import { parseThreshold, type ThresholdExpression } from './expression.ts'
import type { Budget, BudgetFile } from '../../types.ts'
export type { Budget, BudgetFile }

export interface ResolvedBudget {
  metric: string
  level: 'warning' | 'critical'
  expression: ThresholdExpression
}

/** A budget file that cannot be used; the message names the place and the problem. */
export class BudgetFileError extends Error {
  override name = 'BudgetFileError'
}

const VITALS = ['vital.LCP', 'vital.INP', 'vital.CLS', 'vital.FCP', 'vital.TTFB']
const ENDPOINT = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) \S+$/

/** The closest known name, for "did you mean" in messages. */
function closest(name: string, candidates: readonly string[]): string | null {
  let best: string | null = null
  let bestDistance = 3
  for (const c of candidates) {
    const d = distance(name.toLowerCase(), c.toLowerCase())
    if (d < bestDistance) {
      bestDistance = d
      best = c
    }
  }
  return best
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }
  return row[b.length]!
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function budgetsOf(where: string, value: unknown): ResolvedBudget[] {
  if (!isObject(value)) throw new BudgetFileError(`${where} must be an object of metric → { warning, critical }`)
  const out: ResolvedBudget[] = []
  for (const [metric, budget] of Object.entries(value)) {
    if (!VITALS.includes(metric) && !ENDPOINT.test(metric)) {
      const hint = closest(metric, VITALS)
      throw new BudgetFileError(
        `${where}: unknown metric "${metric}"${hint ? ` (did you mean "${hint}"?)` : ''}; use vital.LCP, vital.INP, vital.CLS, vital.FCP, vital.TTFB or an endpoint such as "GET /api/items"`,
      )
    }
    if (!isObject(budget))
      throw new BudgetFileError(`${where}["${metric}"] must be an object with "warning" and/or "critical"`)
    for (const key of Object.keys(budget)) {
      if (key !== 'warning' && key !== 'critical') {
        const hint = closest(key, ['warning', 'critical'])
        throw new BudgetFileError(
          `${where}["${metric}"]: unknown level "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
        )
      }
    }
    for (const level of ['warning', 'critical'] as const) {
      const raw = budget[level]
      if (raw === undefined) continue
      const list = Array.isArray(raw) ? raw : [raw]
      for (const source of list) {
        try {
          out.push({ metric, level, expression: parseThreshold(source as string) })
        } catch (error) {
          throw new BudgetFileError(
            `${where}["${metric}"].${level}: ${(error as Error).message.replace(/^perfscope: /, '')}`,
          )
        }
      }
    }
  }
  return out
}

/** Reads a parsed budget file for an environment: that environment's budgets replace the top-level ones per metric. */
export function resolveBudgetFile(file: unknown, environment?: string): ResolvedBudget[] {
  if (!isObject(file)) throw new BudgetFileError('the budget file must be a JSON object with a "budgets" key')
  for (const key of Object.keys(file)) {
    if (key !== 'budgets' && key !== 'environments') {
      throw new BudgetFileError(
        `unknown key "${key}" at the top of the budget file (expected "budgets", "environments")`,
      )
    }
  }
  const base = budgetsOf('budgets', file.budgets ?? {})
  if (environment === undefined) return base
  const environments = file.environments
  if (environments !== undefined && !isObject(environments))
    throw new BudgetFileError('"environments" must be an object')
  const override = environments?.[environment]
  if (override === undefined) return base
  if (!isObject(override)) throw new BudgetFileError(`environments["${environment}"] must be an object with "budgets"`)
  const specific = budgetsOf(`environments["${environment}"].budgets`, override.budgets ?? {})
  const overridden = new Set(specific.map((b) => b.metric))
  return [...base.filter((b) => !overridden.has(b.metric)), ...specific]
}

/**
 * Reads the file as `perfscope check` does, for `environment` and every environment it names (so a later switch
 * cannot fail); the error's message gets `where` in front of the place and the problem.
 */
export function checkBudgetFile(file: unknown, environment: string | undefined, where: string): BudgetFile {
  try {
    resolveBudgetFile(file, environment)
    const environments = isObject(file) && isObject(file.environments) ? Object.keys(file.environments) : []
    for (const name of environments) resolveBudgetFile(file, name)
  } catch (error) {
    if (error instanceof BudgetFileError) throw new BudgetFileError(`perfscope: ${where}: ${error.message}`)
    throw error
  }
  return file as BudgetFile
}
