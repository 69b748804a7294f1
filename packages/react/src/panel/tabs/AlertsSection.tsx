import type { Monitor, MonitorAlert } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import { splitAlerts } from './alerts.ts'
import { sameAlerts } from './sameAlertRows.ts'

const time = (epochMs: number) => new Date(epochMs).toLocaleTimeString()

function LevelBadge({ alert }: { alert: MonitorAlert }) {
  return (
    <span
      className={`ps-badge ps-badge--${alert.acknowledged || alert.endedAt !== null ? 'muted' : alert.level === 'critical' ? 'bad' : 'warn'}`}
    >
      {alert.level}
    </span>
  )
}

/** Overview's alerts: the core's alerts, active first (each acknowledgeable), ended ones under "Recent". */
export function AlertsSection({ monitor }: { monitor: Monitor }) {
  const { state } = usePerformanceMonitor(splitAlerts, { monitor, equals: sameAlerts })
  const { active, ended } = state
  return (
    <section className="ps-section" aria-label="Alerts">
      <h3>Alerts</h3>
      {active.length === 0 ? (
        <p className="ps-empty">No alerts: vitals, endpoints and memory are within their limits.</p>
      ) : null}
      {active.length > 0 ? (
        <ul className="ps-list">
          {active.map((a) => (
            <li key={a.id} className={a.acknowledged ? 'ps-muted' : undefined}>
              <LevelBadge alert={a} />
              <span style={{ flex: 1 }}>
                {a.message} <span className="ps-muted">since {time(a.startedAt)}</span>
                {a.acknowledged ? <span className="ps-muted"> · acknowledged</span> : null}
              </span>
              {a.acknowledged ? null : (
                <button
                  type="button"
                  className="ps-button"
                  aria-label={`Acknowledge ${a.message}`}
                  onClick={() => monitor.budgets.acknowledge(a.id)}
                >
                  Acknowledge
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {ended.length > 0 ? (
        <details>
          <summary>Recent ({ended.length})</summary>
          <ul className="ps-list" aria-label="Recent alerts">
            {ended.map((a) => (
              <li key={a.id} className="ps-muted">
                <LevelBadge alert={a} />
                <span>
                  {a.message} · {time(a.startedAt)}–{time(a.endedAt!)}
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  )
}
