import { useMemo, useState } from 'react'
import type { EndpointStats, Monitor, MonitorAlert, Snapshot } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import type { Timeline } from '../../timeline/timeline.ts'
import { Chart, type ChartLine } from '../Chart.tsx'
import { formatMs, formatNumber, formatPercent, shortText } from '../format.ts'
import { numberField, readSlice, textField } from '../readSlice.ts'
import { TableScroll } from '../TableScroll.tsx'
import { sameItems, shallowEqual } from '../equality.ts'

type SortKey = 'key' | 'count' | 'rate' | 'errors' | 'p50' | 'p95' | 'p99' | 'health'

const COLUMNS: { key: SortKey; label: string; numeric: boolean }[] = [
  { key: 'key', label: 'Endpoint', numeric: false },
  { key: 'count', label: 'Count', numeric: true },
  { key: 'rate', label: 'Rate', numeric: true },
  { key: 'errors', label: 'Errors', numeric: true },
  { key: 'p50', label: 'p50', numeric: true },
  { key: 'p95', label: 'p95', numeric: true },
  { key: 'p99', label: 'p99', numeric: true },
  { key: 'health', label: 'Health', numeric: false },
]

const HEALTH_ORDER = { failing: 0, degraded: 1, healthy: 2 } as const

function sortValue(e: EndpointStats, key: SortKey): number | string {
  switch (key) {
    case 'key':
      return e.key
    case 'health':
      return HEALTH_ORDER[e.health] ?? 3
    case 'p50':
    case 'p95':
    case 'p99':
      return e.latency?.[key] ?? -1
    default:
      return e[key]
  }
}

/** `app 12 ms · db 4 ms` (median per Server-Timing metric) when the endpoint carries server timings, else `—`. */
function serverTiming(e: EndpointStats): string {
  const timing = (e as unknown as Record<string, unknown>).serverTiming
  if (!Array.isArray(timing)) return '—'
  const parts = timing.slice(0, 3).map((t: unknown) => {
    const name = textField(t, 'name') ?? '?'
    const duration = typeof t === 'object' && t !== null ? (t as Record<string, unknown>).duration : null
    return `${shortText(name, 16)} ${formatMs(numberField(duration, 'p50'))}`
  })
  return parts.length ? parts.join(' · ') : '—'
}

const LATENCY_LINES: ChartLine[] = [
  { series: 'p95', label: 'slowest p95', unit: 'ms', color: '#f59e0b' },
  { series: 'rps', label: 'requests', unit: '/s', color: '#3b82f6', scale: 'rps' },
  { series: 'errors', label: 'errors', unit: '/s', color: '#ef4444', scale: 'rps' },
]

const selectEndpoints = (s: Snapshot) => s.endpoints
const selectChannels = (s: Snapshot) => readSlice(s, 'channels')
const selectNetworkOn = (s: Snapshot) => s.filters.network
/** The active budget alert of each endpoint, as its badge shows it (each evaluation publishes new alert objects). */
const selectBadges = (s: Snapshot) =>
  s.alerts.filter((a) => a.endedAt === null).map((a) => ({ metric: a.metric, level: a.level, message: a.message }))
const sameBadges = (a: ReturnType<typeof selectBadges>, b: ReturnType<typeof selectBadges>) =>
  sameItems(a, b, shallowEqual)

/** Network: the endpoint table (sortable, filterable), a live latency chart, WebSocket and EventSource channels. */
export function NetworkTab({ monitor, timeline }: { monitor: Monitor; timeline: Timeline }) {
  const { state: endpoints } = usePerformanceMonitor(selectEndpoints, { monitor })
  const { state: channels } = usePerformanceMonitor(selectChannels, { monitor })
  const { state: networkOn } = usePerformanceMonitor(selectNetworkOn, { monitor })
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'count', descending: true })
  const [query, setQuery] = useState('')
  const { state: alerts } = usePerformanceMonitor(selectBadges, { monitor, equals: sameBadges })

  const rows = useMemo(() => {
    const q = query.trim().toLowerCase()
    const filtered = q ? endpoints.filter((e) => e.key.toLowerCase().includes(q)) : endpoints.slice()
    const dir = sort.descending ? -1 : 1
    return filtered.sort((a, b) => {
      const x = sortValue(a, sort.key)
      const y = sortValue(b, sort.key)
      return (x < y ? -1 : x > y ? 1 : 0) * dir
    })
  }, [endpoints, sort, query])

  return (
    <>
      <Chart
        timeline={timeline}
        title="Latency (slowest endpoint p95), request rate and errors"
        lines={LATENCY_LINES}
      />
      <section className="ps-section" aria-label="Endpoints">
        <h3>Endpoints</h3>
        <div className="ps-toolbar">
          <input
            className="ps-input"
            type="search"
            aria-label="Filter endpoints"
            placeholder="Filter endpoints"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <span className="ps-muted">
            {rows.length} of {endpoints.length} endpoints
          </span>
        </div>
        {!networkOn ? (
          <p className="ps-empty">Network monitoring is switched off in Settings.</p>
        ) : endpoints.length === 0 ? (
          <p className="ps-empty">
            No requests seen yet. Every fetch and XHR the app makes appears here, grouped by endpoint.
          </p>
        ) : (
          <TableScroll label="Endpoints">
            <table className="ps-table ps-table--sticky-key" aria-label="Endpoints">
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th
                      key={c.key}
                      className={c.numeric ? 'ps-num' : undefined}
                      aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                    >
                      <button
                        type="button"
                        onClick={() =>
                          setSort((s) => ({ key: c.key, descending: s.key === c.key ? !s.descending : c.numeric }))
                        }
                      >
                        {c.label}
                        {sort.key === c.key ? (sort.descending ? ' ↓' : ' ↑') : ''}
                      </button>
                    </th>
                  ))}
                  <th>Server timing</th>
                  <th>Budgets</th>
                  <th>Runaway</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr key={e.key}>
                    <td className="ps-key" title={e.key}>
                      {e.key}
                    </td>
                    <td className="ps-num">{formatNumber(e.count)}</td>
                    <td className="ps-num">
                      {e.count < 2 ? <span title="A rate needs two calls">—</span> : `${formatNumber(e.rate, 2)}/s`}
                    </td>
                    <td className="ps-num">
                      {formatNumber(e.errors)} <span className="ps-muted">({formatPercent(e.errorRate)})</span>
                    </td>
                    <td className="ps-num">{formatMs(e.latency?.p50)}</td>
                    <td className="ps-num">{formatMs(e.latency?.p95)}</td>
                    <td className="ps-num">{formatMs(e.latency?.p99)}</td>
                    <td>
                      <span
                        className={`ps-badge ps-badge--${e.health === 'healthy' ? 'good' : e.health === 'degraded' ? 'warn' : 'bad'}`}
                        title={textField(e, 'healthReason') ?? undefined}
                      >
                        {e.health}
                      </span>
                      {typeof e.warmupMs === 'number' ? (
                        <span
                          className="ps-muted"
                          title="The first call was far slower than the next (a dev server compiling, a cold start); health and budgets leave it out."
                        >
                          {' '}
                          warm-up {formatMs(e.warmupMs)}
                        </span>
                      ) : null}
                    </td>
                    <td>{serverTiming(e)}</td>
                    <td>
                      <BudgetBadge alert={alerts.find((a) => a.metric === e.key)} applied={e.budget} />
                    </td>
                    <td>
                      {e.runaway?.active ? (
                        <span className="ps-badge ps-badge--bad" title={e.runaway.reason ?? ''}>
                          runaway: {shortText(e.runaway.reason ?? 'too many requests', 60)}
                        </span>
                      ) : (
                        <span className="ps-muted">no</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <Channels channels={channels} />
    </>
  )
}

/**
 * The endpoint's active budget alert from the core, if any. Health and budgets judge the same thresholds (unless
 * the budget file sets others), so the title says which ones applied.
 */
function BudgetBadge({
  alert,
  applied,
}: {
  alert: Pick<MonitorAlert, 'level' | 'message'> | undefined
  applied: EndpointStats['budget']
}) {
  const thresholds = applied
    ? `p95 ${applied.p95Ms[0]} / ${applied.p95Ms[1]} ms, error rate ${applied.errorRate[0] * 100} / ${applied.errorRate[1] * 100} % (${applied.source})`
    : undefined
  return alert ? (
    <span className={`ps-badge ps-badge--${alert.level === 'critical' ? 'bad' : 'warn'}`} title={alert.message}>
      {alert.level}
    </span>
  ) : (
    <span className="ps-badge ps-badge--good" title={thresholds}>
      within
    </span>
  )
}

/** WebSocket and EventSource channels, from the `channels` slice when a source provides it. */
function Channels({ channels }: { channels: unknown }) {
  const list = Array.isArray(channels) ? channels : []
  return (
    <section className="ps-section" aria-label="Channels">
      <h3>WebSocket and EventSource</h3>
      {list.length === 0 ? (
        <p className="ps-empty">
          No WebSocket or EventSource channels seen yet. Open channels appear here with their messages and state.
        </p>
      ) : (
        <TableScroll label="Channels">
          <table className="ps-table" aria-label="Channels">
            <thead>
              <tr>
                <th>Channel</th>
                <th>Kind</th>
                <th className="ps-num">Open</th>
                <th className="ps-num">Reconnects</th>
                <th className="ps-num">Messages in</th>
                <th className="ps-num">Messages out</th>
                <th className="ps-num">Errors</th>
                <th>Health</th>
              </tr>
            </thead>
            <tbody>
              {list.slice(0, 200).map((c, i) => {
                const name = textField(c, 'key') ?? textField(c, 'lastUrl') ?? `channel ${i + 1}`
                const health = textField(c, 'health')
                return (
                  <tr key={`${name}-${i}`}>
                    <td className="ps-key" title={name}>
                      {shortText(name, 80)}
                    </td>
                    <td>{textField(c, 'kind') ?? '—'}</td>
                    <td className="ps-num">{formatNumber(numberField(c, 'open'))}</td>
                    <td className="ps-num">{formatNumber(numberField(c, 'reconnects'))}</td>
                    <td className="ps-num">{formatNumber(numberField(c, 'messagesIn'))}</td>
                    <td className="ps-num">{formatNumber(numberField(c, 'messagesOut'))}</td>
                    <td className="ps-num">{formatNumber(numberField(c, 'errors'))}</td>
                    <td>
                      {health ? (
                        <span
                          className={`ps-badge ps-badge--${health === 'healthy' ? 'good' : health === 'degraded' ? 'warn' : 'bad'}`}
                          title={textField(c, 'healthReason') ?? undefined}
                        >
                          {health}
                        </span>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  )
}
