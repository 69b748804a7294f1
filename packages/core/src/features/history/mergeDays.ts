import type { EndpointStats, StatSummary } from '../../types.ts'
import type { DayRecord } from './historyStore.ts'

const PERCENTILES = ['p50', 'p75', 'p90', 'p95', 'p99', 'mean'] as const

/**
 * One summary for a day from the records of its page sessions. Counts add up; percentiles are averaged
 * weighted by count (summaries cannot be merged exactly, and for a day's trend this is close enough); min and
 * max are exact; each vital keeps the latest session's value; alerts are the union of the sessions' alerts (an alert
 * saved twice by one session keeps its latest state, e.g. ended).
 */
export function mergeDays(records: readonly DayRecord[]): DayRecord {
  const sorted = [...records].sort((a, b) => (a.generatedAt < b.generatedAt ? -1 : 1))
  const latest = sorted[sorted.length - 1]!
  const endpoints = new Map<string, EndpointStats>()
  for (const record of sorted) {
    for (const e of record.endpoints) {
      const into = endpoints.get(e.key)
      endpoints.set(e.key, into ? mergeEndpoint(into, e) : e)
    }
  }
  const vitals = Object.assign({}, ...sorted.map((r) => r.vitals)) as DayRecord['vitals']
  const alerts = new Map(sorted.flatMap((r) => r.alerts ?? []).map((a) => [a.id, a]))
  return {
    ...latest,
    vitals,
    endpoints: [...endpoints.values()],
    alerts: [...alerts.values()].sort((a, b) => a.startedAt - b.startedAt),
  }
}

/** Two summaries of one endpoint as one: counts add up, percentiles are weighted by count. */
export function mergeEndpoint(a: EndpointStats, b: EndpointStats): EndpointStats {
  const count = a.count + b.count
  const errors = a.errors + b.errors
  return {
    ...b,
    count,
    errors,
    errorRate: count ? errors / count : 0,
    rate: a.rate + b.rate,
    bytes: a.bytes + b.bytes,
    latency: mergeSummary(a.latency, b.latency),
  }
}

/** Two summaries as one: min and max exact, percentiles and mean weighted by count (an approximation). */
export function mergeSummary(a: StatSummary, b: StatSummary): StatSummary {
  const count = a.count + b.count
  const merged: StatSummary = {
    ...b,
    count,
    min: a.min === null ? b.min : b.min === null ? a.min : Math.min(a.min, b.min),
    max: a.max === null ? b.max : b.max === null ? a.max : Math.max(a.max, b.max),
  }
  for (const p of PERCENTILES) {
    const x = a[p]
    const y = b[p]
    merged[p] = x === null ? y : y === null ? x : count ? (x * a.count + y * b.count) / count : null
  }
  return merged
}
