import type { AlertLevel, MonitorAlert } from '../../types.ts'
export type { AlertLevel, MonitorAlert }
/** A limit broken at one evaluation; `metric` identifies it across evaluations. */
export interface Breach {
  metric: string
  level: AlertLevel
  message: string
  value: number | null
}

/** Ended alerts kept for the overlay and history; older ones are dropped. */
export const MAX_ENDED_ALERTS = 50

/** The alert lifecycle: turns each evaluation's breaches into started, escalated and ended alerts. */
export class AlertBook {
  private readonly active = new Map<string, MonitorAlert>()
  private ended: MonitorAlert[] = []
  private sequence = 0
  // Ids must stay unique across page loads, because history merges the alerts of a day's sessions.
  private readonly session = Math.random().toString(36).slice(2, 8)

  /** Applies one evaluation at epoch-ms `now`; returns true when the list changed. */
  update(breaches: readonly Breach[], now: number): boolean {
    let changed = false
    const seen = new Set<string>()
    for (const breach of breaches) {
      seen.add(breach.metric)
      const current = this.active.get(breach.metric)
      if (!current) {
        this.active.set(breach.metric, {
          id: `${this.session}-${++this.sequence}`,
          ...breach,
          startedAt: now,
          endedAt: null,
          acknowledged: false,
        })
        changed = true
      } else if (
        current.level !== breach.level ||
        current.message !== breach.message ||
        current.value !== breach.value
      ) {
        this.active.set(breach.metric, {
          ...current,
          level: breach.level,
          message: breach.message,
          value: breach.value,
        })
        changed = true
      }
    }
    for (const [metric, alert] of this.active) {
      if (seen.has(metric)) continue
      this.active.delete(metric)
      this.ended = [{ ...alert, endedAt: now }, ...this.ended].slice(0, MAX_ENDED_ALERTS)
      changed = true
    }
    return changed
  }

  /** Marks an active alert acknowledged; false when no active alert has that id. */
  acknowledge(id: string): boolean {
    for (const [metric, alert] of this.active) {
      if (alert.id !== id) continue
      if (!alert.acknowledged) this.active.set(metric, { ...alert, acknowledged: true })
      return true
    }
    return false
  }

  /** Active alerts (critical first, then oldest first), then ended ones (latest ended first). */
  list(): MonitorAlert[] {
    const active = [...this.active.values()].sort((a, b) =>
      a.level === b.level ? a.startedAt - b.startedAt : a.level === 'critical' ? -1 : 1,
    )
    return [...active, ...this.ended]
  }
}
