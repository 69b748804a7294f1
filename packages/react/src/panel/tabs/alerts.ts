import type { Snapshot } from '@perfscope/core'
import { checkBudgets } from '../budgets.ts'

/** Something in the snapshot worth a developer's attention now. */
export interface Alert {
  id: string
  tone: 'warn' | 'bad'
  text: string
}

/** Poor vitals, unhealthy and runaway endpoints, broken budgets, a suspected leak and perfscope's own errors, worst first. */
export function collectAlerts(s: Snapshot, budgets: readonly string[] = []): Alert[] {
  const alerts: Alert[] = []
  for (const [name, vital] of Object.entries(s.vitals)) {
    if (vital?.rating === 'poor') alerts.push({ id: `vital-${name}`, tone: 'bad', text: `${name} is poor` })
    else if (vital?.rating === 'needs-improvement') alerts.push({ id: `vital-${name}`, tone: 'warn', text: `${name} needs improvement` })
  }
  for (const e of s.endpoints) {
    if (e.runaway?.active) alerts.push({ id: `runaway-${e.key}`, tone: 'bad', text: `${e.key} is a runaway: ${e.runaway.reason ?? 'too many requests'}` })
    if (e.health === 'failing') alerts.push({ id: `health-${e.key}`, tone: 'bad', text: `${e.key} is failing` })
    else if (e.health === 'degraded') alerts.push({ id: `health-${e.key}`, tone: 'warn', text: `${e.key} is degraded` })
    for (const r of checkBudgets(e, budgets)) {
      if (r.status === 'fail') alerts.push({ id: `budget-${e.key}-${r.expression}`, tone: 'warn', text: `${e.key} breaks the budget ${r.expression} (${formatActual(r.expression, r.actual)})` })
    }
  }
  if (s.memory?.leakSuspected) alerts.push({ id: 'leak', tone: 'bad', text: 'Memory keeps growing across garbage collections (possible leak)' })
  if (s.errors.count > 0) alerts.push({ id: 'errors', tone: 'warn', text: `perfscope caught ${s.errors.count} error(s) in its own code` })
  return alerts.sort((a, b) => (a.tone === b.tone ? 0 : a.tone === 'bad' ? -1 : 1))
}

function formatActual(expression: string, actual: number | null): string {
  if (actual == null) return 'no data'
  if (expression.trim().startsWith('rate')) return `${(actual * 100).toFixed(1)} % errors`
  if (expression.trim().startsWith('count')) return `${actual} requests`
  return `${Math.round(actual)} ms`
}
