import type { MonitorAlert, Snapshot } from '@perfscope/core'

/** Something in the snapshot worth attention that is not a budget: runaways, unhealthy services, a leak, perfscope's own errors. */
export interface Alert {
  id: string
  tone: 'warn' | 'bad'
  text: string
}

/** The core's budget, quota and cost alerts: the active ones (as the core orders them) and the ended ones. */
export function splitBudgetAlerts(s: Snapshot): { active: MonitorAlert[]; ended: MonitorAlert[] } {
  return { active: s.alerts.filter((a) => a.endedAt === null), ended: s.alerts.filter((a) => a.endedAt !== null) }
}

/**
 * Alerts the core's budgets do not raise, worst first. An unhealthy endpoint is listed only when no budget alert
 * already names it (health and the default API budgets use the same limits).
 */
export function collectAlerts(s: Snapshot): Alert[] {
  const alerts: Alert[] = []
  const budgeted = new Set(s.alerts.filter((a) => a.endedAt === null).map((a) => a.metric))
  for (const e of s.endpoints) {
    if (e.runaway?.active) alerts.push({ id: `runaway-${e.key}`, tone: 'bad', text: `${e.key} is a runaway: ${e.runaway.reason ?? 'too many requests'}` })
    if (budgeted.has(e.key)) continue
    if (e.health === 'failing') alerts.push({ id: `health-${e.key}`, tone: 'bad', text: `${e.key} is failing` })
    else if (e.health === 'degraded') alerts.push({ id: `health-${e.key}`, tone: 'warn', text: `${e.key} is degraded` })
  }
  if (s.memory?.leakSuspected) alerts.push({ id: 'leak', tone: 'bad', text: 'Memory keeps growing across garbage collections (possible leak)' })
  if (s.errors.count > 0) alerts.push({ id: 'errors', tone: 'warn', text: `perfscope caught ${s.errors.count} error(s) in its own code` })
  return alerts.sort((a, b) => (a.tone === b.tone ? 0 : a.tone === 'bad' ? -1 : 1))
}
