import type { MonitorAlert, Snapshot } from '@perfscope/core'

/**
 * The core's alerts (budgets, quotas, cost, runaways, unhealthy endpoints, a suspected leak, perfscope's own
 * errors): the active ones, as the core orders them, and the ended ones.
 */
export function splitAlerts(s: Snapshot): { active: MonitorAlert[]; ended: MonitorAlert[] } {
  return { active: s.alerts.filter((a) => a.endedAt === null), ended: s.alerts.filter((a) => a.endedAt !== null) }
}
