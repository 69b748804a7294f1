import type { Snapshot } from '../../types.ts'
import type { Breach } from './alerts.ts'

/**
 * Alerts that need no budget: an endpoint gone runaway, a failing or degraded endpoint or channel, a heap that
 * keeps growing across garbage collections, errors inside perfscope. An unhealthy endpoint is left out when a
 * budget alert already names it (health and the default API budgets use the same limits).
 */
export function healthBreaches(s: Snapshot, budgeted: ReadonlySet<string>): Breach[] {
  const breaches: Breach[] = []
  for (const e of s.endpoints) {
    if (e.runaway.active) {
      breaches.push({
        metric: `runaway ${e.key}`,
        level: 'critical',
        message: `${e.key} is a runaway: ${e.runaway.reason ?? 'too many requests'}`,
        value: e.rate,
      })
    }
    if (budgeted.has(e.key) || e.health === 'healthy') continue
    const reason = e.healthReason ? ` (${e.healthReason})` : ''
    breaches.push({
      metric: `health ${e.key}`,
      level: e.health === 'failing' ? 'critical' : 'warning',
      message: `${e.key} is ${e.health}${reason}`,
      value: null,
    })
  }
  for (const c of s.channels) {
    if (c.health === 'healthy') continue
    const reason = c.healthReason ? ` (${c.healthReason})` : ''
    breaches.push({
      metric: `health ${c.key}`,
      level: c.health === 'failing' ? 'critical' : 'warning',
      message: `${c.key} is ${c.health}${reason}`,
      value: null,
    })
  }
  if (s.memory?.leakSuspected) {
    breaches.push({
      metric: 'memory leak',
      level: 'critical',
      message: 'Memory keeps growing across garbage collections (possible leak)',
      value: s.memory.usedJSHeapSize,
    })
  }
  if (s.errors.count > 0) {
    breaches.push({
      metric: 'perfscope errors',
      level: 'warning',
      message: `perfscope caught ${s.errors.count} error(s) in its own code`,
      value: s.errors.count,
    })
  }
  return breaches
}
