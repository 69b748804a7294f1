import type { Budget, BudgetFile } from '@perfscope/core'

type Level = 'warning' | 'critical'

function setOf(file: BudgetFile, environment: string | null): Record<string, Budget> {
  return environment === null ? file.budgets : (file.environments?.[environment]?.budgets ?? {})
}

function withSet(file: BudgetFile, environment: string | null, budgets: Record<string, Budget>): BudgetFile {
  if (environment === null) return { ...file, budgets }
  return { ...file, environments: { ...file.environments, [environment]: { budgets } } }
}

function listOf(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

/** The file with one more expression for `metric` at `level`, in the active environment's set (top level when none). */
export function addBudget(
  file: BudgetFile | null,
  environment: string | null,
  metric: string,
  level: Level,
  expression: string,
): BudgetFile {
  const base = file ?? { budgets: {} }
  const set = setOf(base, environment)
  const current = set[metric] ?? {}
  const expressions = [...listOf(current[level]).filter((e) => e !== expression), expression]
  return withSet(base, environment, { ...set, [metric]: { ...current, [level]: expressions } })
}

/** The file without `expression` for `metric` at `level`, wherever it was (the environment's set and the top level). */
export function removeBudget(
  file: BudgetFile,
  environment: string | null,
  metric: string,
  level: Level,
  expression: string,
): BudgetFile {
  const without = (set: Record<string, Budget>) => {
    const current = set[metric]
    if (!current) return set
    const left = listOf(current[level]).filter((e) => e !== expression)
    const { [level]: _dropped, ...rest } = current
    const next: Budget = left.length ? { ...rest, [level]: left } : rest
    const { [metric]: _metric, ...others } = set
    return Object.keys(next).length ? { ...others, [metric]: next } : others
  }
  const top = { ...file, budgets: without(file.budgets) }
  return environment === null || !file.environments?.[environment]
    ? top
    : withSet(top, environment, without(setOf(file, environment)))
}
