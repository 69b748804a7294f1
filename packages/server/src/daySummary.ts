import { Histogram } from '@perfscope/core'

/** A percentile summary of one metric or route for one day. Durations in ms. */
export interface MetricSummary {
  count: number
  errors: number
  mean: number | null
  p50: number | null
  p95: number | null
  p99: number | null
  max: number | null
}

/** Everything received and measured on one UTC day. */
export interface DaySummary {
  /** `YYYY-MM-DD` (UTC). */
  date: string
  /** What browsers sent: batches, samples, and per metric key (`http.GET /api/items`, `vital.LCP`…) summaries. */
  client: { batches: number; samples: number; dropped: number; metrics: Record<string, MetricSummary> }
  /** The app's real requests as timed by the middleware. */
  server: { requests: number; errors: number; routes: Record<string, MetricSummary> }
  /** Requests tagged `X-Perfscope-Load` (the load simulator), counted apart from real traffic. */
  load: { requests: number; errors: number; routes: Record<string, MetricSummary> }
  /** Batches refused, by reason (`malformed`, `inflate-ratio`, `too-many-keys`, `queue-full`, `duplicate`…). */
  rejected: Record<string, number>
}

/**
 * The key that metrics and routes past the distinct-key cap are folded into: one overflow series, as
 * OpenTelemetry's cardinality limit does with its `otel.metric.overflow` attribute.
 */
export const OVERFLOW_KEY = '__overflow__'
/** Longer keys are cut to this many characters (then `…`), so one key cannot weigh kilobytes. */
export const MAX_KEY_LENGTH = 256

/** `key`, cut to {@link MAX_KEY_LENGTH} characters. */
export function boundedKey(key: string): string {
  return key.length > MAX_KEY_LENGTH ? `${key.slice(0, MAX_KEY_LENGTH - 1)}…` : key
}

class Stat {
  readonly histogram = new Histogram()
  errors = 0
  add(value: number, error: boolean): void {
    this.histogram.add(value)
    if (error) this.errors++
  }
  summary(): MetricSummary {
    const h = this.histogram
    return {
      count: h.count,
      errors: this.errors,
      mean: h.count ? h.sum / h.count : null,
      p50: h.quantile(0.5),
      p95: h.quantile(0.95),
      p99: h.quantile(0.99),
      max: h.count ? h.max : null,
    }
  }
}

/** Summaries by key, at most `maxKeys` of them plus {@link OVERFLOW_KEY}. */
class StatTable {
  private readonly stats = new Map<string, Stat>()
  constructor(private readonly maxKeys: number) {}
  add(key: string, value: number, error: boolean): void {
    let stat = this.stats.get(key)
    if (!stat) {
      const k = this.stats.size >= this.maxKeys ? OVERFLOW_KEY : boundedKey(key)
      stat = this.stats.get(k) ?? new Stat()
      this.stats.set(k, stat)
    }
    if (Number.isFinite(value)) stat.add(value, error)
  }
  summary(): Record<string, MetricSummary> {
    return Object.fromEntries([...this.stats].map(([k, s]) => [k, s.summary()]))
  }
}

/** One UTC day's counters and summaries. */
export class Day {
  batches = 0
  samples = 0
  dropped = 0
  readonly metrics: StatTable
  readonly server: { requests: number; errors: number; routes: StatTable }
  readonly load: { requests: number; errors: number; routes: StatTable }
  readonly rejected: Record<string, number> = Object.create(null)
  constructor(
    readonly date: string,
    maxKeys: number,
  ) {
    this.metrics = new StatTable(maxKeys)
    this.server = { requests: 0, errors: 0, routes: new StatTable(maxKeys) }
    this.load = { requests: 0, errors: 0, routes: new StatTable(maxKeys) }
  }
  summary(): DaySummary {
    return {
      date: this.date,
      client: { batches: this.batches, samples: this.samples, dropped: this.dropped, metrics: this.metrics.summary() },
      server: { requests: this.server.requests, errors: this.server.errors, routes: this.server.routes.summary() },
      load: { requests: this.load.requests, errors: this.load.errors, routes: this.load.routes.summary() },
      rejected: { ...this.rejected },
    }
  }
}
