import type { PerfReport } from '../features/export/report.ts'
import type { DayRecord } from '../features/history/historyStore.ts'
import type { LoadRunResult } from '../features/load/runTypes.ts'
import { escapeHtml } from './escapeHtml.ts'
import { formatCount, formatMs, formatPercent } from './formatFigures.ts'
import { barChart, lineChart, MAX_BARS, MAX_POINTS, thin } from './svgCharts.ts'

/** A table cell: text (escaped when written) and an optional class (`num`, `good`, `warn`, `bad`). */
type Cell = string | { text: string; cls: string }

/** Rows written per table; the rest are summarised in one line, so a file stays bounded. */
export const MAX_ROWS = 500

/** An HTML table of the first {@link MAX_ROWS} items, one row each from `row`. */
export function table<T>(head: readonly string[], items: readonly T[], row: (item: T) => readonly Cell[]): string {
  const cell = (c: Cell, tag: 'td' | 'th') =>
    typeof c === 'string'
      ? `<${tag}>${escapeHtml(c)}</${tag}>`
      : `<${tag} class="${escapeHtml(c.cls)}">${escapeHtml(c.text)}</${tag}>`
  const body = items.slice(0, MAX_ROWS).map(
    (item) =>
      `<tr>${row(item)
        .map((c) => cell(c, 'td'))
        .join('')}</tr>`,
  )
  if (items.length > MAX_ROWS)
    body.push(`<tr><td colspan="${head.length}" class="muted">${items.length - MAX_ROWS} more rows not shown</td></tr>`)
  return `<table><thead><tr>${head.map((h) => cell(h, 'th')).join('')}</tr></thead><tbody>${body.join('')}</tbody></table>`
}

const num = (text: string): Cell => ({ text, cls: 'num' })
const list = <T>(v: T[] | undefined | null): T[] => (Array.isArray(v) ? v : [])

/** Figure cards: label over value, with an optional tone. */
export function cards(
  items: ReadonlyArray<readonly [label: string, value: string, tone?: 'good' | 'warn' | 'bad']>,
): string {
  return `<div class="cards">${items.map(([label, value, tone]) => `<div class="card${tone ? ` ${tone}` : ''}"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div></div>`).join('')}</div>`
}

const section = (title: string, body: string) => `<section><h2>${escapeHtml(title)}</h2>${body}</section>`

/** The sections of a load-run report: figures, per-second charts, thresholds, endpoints, findings. */
export function runSections(run: LoadRunResult): string {
  // Thinned before mapping: a long run has one entry per second.
  const timeline = thin(list(run.timeline), MAX_POINTS)
  const latency = run.latency ?? ({} as Partial<LoadRunResult['latency']>)
  const parts = [
    cards([
      ['Result', run.passed ? 'passed' : 'failed', run.passed ? 'good' : 'bad'],
      ['Requests', formatCount(run.requests)],
      ['Requests/s', formatCount(run.rps, 1)],
      ['Error rate', formatPercent(run.errorRate), run.errorRate > 0.01 ? 'bad' : undefined],
      ['p50', formatMs(latency.p50)],
      ['p95', formatMs(latency.p95)],
      ['p99', formatMs(latency.p99)],
      ['Max', formatMs(latency.max)],
      ['Duration', formatMs(run.durationMs)],
    ]),
  ]
  if (run.reason) parts.push(`<p class="note">Ended early: ${escapeHtml(run.reason)}</p>`)
  parts.push(
    lineChart(
      'Requests per second',
      [
        { name: 'completed', points: timeline.map((s) => [s.second, s.requests] as const) },
        { name: 'started', points: timeline.map((s) => [s.second, s.started] as const) },
        { name: 'errors', points: timeline.map((s) => [s.second, s.errors] as const) },
      ],
      { xLabel: 'seconds into the run', yUnit: 'requests' },
    ),
    lineChart('p95 latency per second', [{ name: 'p95', points: timeline.map((s) => [s.second, s.p95] as const) }], {
      xLabel: 'seconds into the run',
      yUnit: 'ms',
    }),
  )
  const out = [section('Load run', parts.join(''))]
  const thresholds = list(run.thresholds)
  if (thresholds.length > 0) {
    out.push(
      section(
        'Thresholds',
        table(['Metric', 'Endpoint', 'Threshold', 'Actual', 'Result'], thresholds, (t) => [
          t.metric,
          t.endpoint ?? 'all',
          t.expression,
          num(t.actual == null ? '—' : formatCount(t.actual, 3)),
          { text: t.status, cls: t.status === 'pass' ? 'good' : 'bad' },
        ]),
      ),
    )
  }
  const endpoints = list(run.endpoints)
  out.push(
    section(
      'Endpoints',
      barChart(
        'p95 latency per endpoint',
        endpoints
          .slice(0, MAX_BARS)
          .map((e) => ({ label: e.key, value: e.latency?.p95 ?? Number.NaN, tone: e.errors > 0 ? 'warn' : 'good' })),
        formatMs,
      ) +
        table(['Endpoint', 'Requests', 'Req/s', 'Errors', 'p50', 'p95', 'p99', 'Max'], endpoints, (e) => [
          e.key,
          num(formatCount(e.requests)),
          num(formatCount(e.rps, 1)),
          num(formatCount(e.errors)),
          num(formatMs(e.latency?.p50)),
          num(formatMs(e.latency?.p95)),
          num(formatMs(e.latency?.p99)),
          num(formatMs(e.latency?.max)),
        ]),
    ),
  )
  const kinds = Object.entries(run.errorsByKind ?? {})
  if (kinds.length > 0)
    out.push(
      section(
        'Errors by kind',
        table(['Kind', 'Count'], kinds, ([k, n]) => [k, num(formatCount(n))]),
      ),
    )
  const findings = list(run.findings)
  if (findings.length > 0)
    out.push(
      section(
        'Findings',
        `<ul>${findings
          .slice(0, 100)
          .map((f) => `<li>${escapeHtml(f)}</li>`)
          .join('')}</ul>`,
      ),
    )
  return out.join('')
}

const RATING_TONE = { good: 'good', 'needs-improvement': 'warn', poor: 'bad' } as const
const HEALTH_TONE = { healthy: 'good', degraded: 'warn', failing: 'bad' } as const

/** The sections of a day report: vitals, endpoints (chart and table), routes, alerts, errors, the day's load run. */
export function daySections(day: PerfReport | DayRecord): string {
  const out: string[] = []
  const vitals = Object.entries(day.vitals ?? {}).filter(([, v]) => v && typeof v === 'object')
  out.push(
    section(
      'Web Vitals',
      vitals.length === 0
        ? '<p class="muted">No vital recorded.</p>'
        : table(['Vital', 'Value', 'Rating'], vitals, ([name, v]) => [
            name,
            num(name === 'CLS' ? formatCount(v!.value, 3) : formatMs(v!.value)),
            { text: String(v!.rating), cls: RATING_TONE[v!.rating] ?? '' },
          ]),
    ),
  )
  const endpoints = list(day.endpoints)
  out.push(
    section(
      'Endpoints',
      barChart(
        'p95 latency per endpoint',
        endpoints
          .slice(0, MAX_BARS)
          .map((e) => ({ label: e.key, value: e.latency?.p95 ?? Number.NaN, tone: HEALTH_TONE[e.health] ?? 'good' })),
        formatMs,
      ) +
        table(['Endpoint', 'Calls', 'Errors', 'p50', 'p95', 'p99', 'Health'], endpoints, (e) => [
          e.key,
          num(formatCount(e.count)),
          num(formatPercent(e.errorRate)),
          num(formatMs(e.latency?.p50)),
          num(formatMs(e.latency?.p95)),
          num(formatMs(e.latency?.p99)),
          { text: String(e.health), cls: HEALTH_TONE[e.health] ?? '' },
        ]),
    ),
  )
  const requests = 'requests' in day ? list(day.requests) : []
  if (requests.length > 0) out.push(section('Requests', requestChart(requests)))
  const routes = list(day.routes)
  if (routes.length > 0)
    out.push(
      section(
        'Routes',
        table(['Route', 'Visits', 'p50', 'p95'], routes, (r) => [
          r.route,
          num(formatCount(r.count)),
          num(formatMs(r.duration?.p50)),
          num(formatMs(r.duration?.p95)),
        ]),
      ),
    )
  const alerts = 'alerts' in day ? list(day.alerts) : []
  if (alerts.length > 0) {
    out.push(
      section(
        'Alerts',
        table(['Level', 'Metric', 'Message', 'Started', 'Ended'], alerts, (a) => [
          { text: String(a.level), cls: a.level === 'critical' ? 'bad' : 'warn' },
          a.metric,
          a.message,
          isoTime(a.startedAt),
          a.endedAt == null ? 'active' : isoTime(a.endedAt),
        ]),
      ),
    )
  }
  const errors = list(day.errors?.recent)
  if (errors.length > 0)
    out.push(
      section(
        'Errors',
        table(['Source', 'Message', 'At (ms after page load)'], errors, (e) => [e.source, e.message, formatMs(e.at)]),
      ),
    )
  if (day.load && typeof day.load === 'object')
    out.push(`<h2 class="sub">Last load run of the day: ${escapeHtml(day.load.scenario)}</h2>${runSections(day.load)}`)
  return out.join('')
}

/** Requests per minute and the slowest of each minute, from the request log. */
function requestChart(requests: PerfReport['requests']): string {
  const perMinute = new Map<number, { n: number; max: number }>()
  for (const r of requests) {
    if (!Number.isFinite(r.startedAt)) continue
    const minute = Math.floor(r.startedAt / 60_000)
    const m = perMinute.get(minute) ?? { n: 0, max: 0 }
    m.n++
    if (Number.isFinite(r.durationMs)) m.max = Math.max(m.max, r.durationMs)
    perMinute.set(minute, m)
  }
  const minutes = [...perMinute.keys()].sort((a, b) => a - b)
  const first = minutes[0] ?? 0
  return (
    lineChart(
      'Requests per minute',
      [{ name: 'requests', points: minutes.map((m) => [m - first, perMinute.get(m)!.n] as const) }],
      { xLabel: `minutes from ${isoTime(first * 60_000)}`, yUnit: 'requests' },
    ) +
    lineChart(
      'Slowest request per minute',
      [{ name: 'max', points: minutes.map((m) => [m - first, perMinute.get(m)!.max] as const) }],
      { xLabel: `minutes from ${isoTime(first * 60_000)}`, yUnit: 'ms' },
    )
  )
}

/** `2026-11-24 09:00:00Z`, or `—` for a value that is not a time. */
export function isoTime(epochMs: unknown): string {
  if (typeof epochMs !== 'number' || !Number.isFinite(epochMs)) return '—'
  const d = new Date(epochMs)
  return Number.isNaN(d.getTime()) ? '—' : `${d.toISOString().slice(0, 19).replace('T', ' ')}Z`
}
