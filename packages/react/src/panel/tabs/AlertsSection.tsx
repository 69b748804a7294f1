import type { Monitor, MonitorAlert } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import { viewOrigin } from '../page/viewMonitor.ts'
import { splitAlerts } from './alerts.ts'
import { sameAlerts } from './sameAlertRows.ts'

const time = (epochMs: number) => new Date(epochMs).toLocaleTimeString()

function LevelBadge({ alert, muted = false }: { alert: MonitorAlert; muted?: boolean }) {
  return (
    <span
      className={`ps-badge ps-badge--${muted || alert.acknowledged || alert.endedAt !== null ? 'muted' : alert.level === 'critical' ? 'bad' : 'warn'}`}
    >
      {alert.level}
    </span>
  )
}

/**
 * Overview's alerts: the core's alerts, active first, ended ones under "Recent". The monitor's own active alerts can
 * be acknowledged; those of a stored day or of other tabs are shown as they are, with where they come from.
 */
export function AlertsSection({ monitor }: { monitor: Monitor }) {
  const { state } = usePerformanceMonitor(splitAlerts, { monitor, equals: sameAlerts })
  const { active, ended } = state
  const origin = viewOrigin(monitor)
  const stored = origin?.kind === 'stored'
  return (
    <section className="ps-section" aria-label="Alerts">
      <h3>Alerts</h3>
      {origin && active.length + ended.length > 0 ? (
        <p className="ps-muted">
          {stored
            ? `As stored on ${origin.date}, from an earlier session: a record, not live, and not acknowledgeable.`
            : 'Raised in the app’s other tabs: acknowledge them there.'}
        </p>
      ) : null}
      {active.length === 0 ? (
        <p className="ps-empty">No alerts: vitals, endpoints and memory are within their limits.</p>
      ) : null}
      {active.length > 0 ? (
        <ul className="ps-list">
          {active.map((a) => (
            <li key={a.id} className={a.acknowledged || stored ? 'ps-muted' : undefined}>
              <LevelBadge alert={a} muted={stored} />
              <span style={{ flex: 1 }}>
                {a.message}{' '}
                <span className="ps-muted">
                  {stored ? `raised ${time(a.startedAt)}, still active when stored` : `since ${time(a.startedAt)}`}
                </span>
                {a.acknowledged ? <span className="ps-muted"> · acknowledged</span> : null}
              </span>
              {a.acknowledged || origin ? null : (
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
