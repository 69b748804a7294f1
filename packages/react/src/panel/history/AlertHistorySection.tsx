import type { Monitor } from '@perfscope/core'

type Day = Awaited<ReturnType<Monitor['history']['days']>>[number]
type StoredAlert = NonNullable<Day['alerts']>[number]

/** A panel can list this many; the API (`history.days()`) has every stored alert. */
const MAX_LISTED = 30

const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

function span(alert: StoredAlert): string {
  const from = `${new Date(alert.startedAt).toISOString().slice(0, 10)} ${time(alert.startedAt)}`
  if (alert.endedAt === null) return `since ${from}`
  const minutes = Math.max(1, Math.round((alert.endedAt - alert.startedAt) / 60_000))
  return `${from}–${time(alert.endedAt)} (${minutes} min)`
}

/** The History tab's alerts: what broke a budget, a quota or the cost budget on the stored days, newest first. */
export function AlertHistorySection({ days }: { days: readonly Day[] }) {
  const alerts = days
    .flatMap((d) => d.alerts ?? [])
    .sort((a, b) => b.startedAt - a.startedAt)
    .slice(0, MAX_LISTED)
  return (
    <section className="ps-section" aria-label="Alert history">
      <h3>Alerts on stored days ({alerts.length})</h3>
      {alerts.length === 0 ? (
        <p className="ps-empty">No budget, quota or cost alert on the stored days.</p>
      ) : (
        <ul className="ps-list">
          {alerts.map((a) => (
            <li key={a.id}>
              <span className={`ps-badge ps-badge--${a.level === 'critical' ? 'bad' : 'warn'}`}>{a.level}</span>
              <span style={{ flex: 1 }}>{a.message}</span>
              <span className="ps-muted">
                {span(a)}
                {a.acknowledged ? ' · acknowledged' : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
