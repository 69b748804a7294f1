import type { Snapshot } from '@perfscope/core'
import { sameItems } from '../equality.ts'

type BudgetState = Snapshot['budgets']
type Applied = NonNullable<BudgetState>['applied'][number]

const sameApplied = (a: Applied, b: Applied) =>
  a.endpoint === b.endpoint &&
  a.source === b.source &&
  sameItems(a.rules, b.rules, (x, y) => x.level === y.level && x.expression === y.expression)

/**
 * Two budget states that the Settings tab shows alike. Every budget evaluation publishes a fresh state (a new
 * list of environments, budgets applied per endpoint recomputed) that usually reads the same as the last.
 */
export function sameBudgetState(a: BudgetState, b: BudgetState): boolean {
  if (a === b) return true
  if (a === null || b === null) return false
  return (
    a.file === b.file &&
    a.fileError === b.fileError &&
    a.environment === b.environment &&
    a.rules === b.rules &&
    sameItems(a.environments, b.environments) &&
    sameItems(a.applied, b.applied, sameApplied)
  )
}
