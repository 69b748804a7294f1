import type { PerfReport } from './report.ts'

const COLUMNS = [
  'kind',
  'key',
  'count',
  'rate_per_s',
  'error_rate',
  'p50',
  'p75',
  'p90',
  'p95',
  'p99',
  'max',
  'value',
  'rating',
] as const

/** RFC 4180: quote a field holding a comma, quote or newline, doubling inner quotes. */
function field(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text = typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One row per summary: each vital, each endpoint, each route, long tasks. */
export function toCsv(report: PerfReport): string {
  const rows: unknown[][] = [[...COLUMNS]]
  for (const [name, v] of Object.entries(report.vitals)) {
    rows.push(['vital', name, 1, null, null, null, null, null, null, null, null, v!.value, v!.rating])
  }
  for (const e of report.endpoints) {
    const l = e.latency
    rows.push([
      'endpoint',
      e.key,
      e.count,
      e.rate,
      e.errorRate,
      l.p50,
      l.p75,
      l.p90,
      l.p95,
      l.p99,
      l.max,
      null,
      e.health,
    ])
  }
  for (const r of report.routes) {
    const d = r.duration
    rows.push(['route', r.route, r.count, null, null, d.p50, d.p75, d.p90, d.p95, d.p99, d.max, null, null])
  }
  const t = report.longTasks.duration
  rows.push([
    'longtasks',
    'longtask',
    report.longTasks.count,
    null,
    null,
    t.p50,
    t.p75,
    t.p90,
    t.p95,
    t.p99,
    t.max,
    report.longTasks.totalMs,
    null,
  ])
  return `${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`
}
