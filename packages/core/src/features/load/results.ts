import { evaluateThreshold, type AggregatedValues } from '../budgets/expression.ts'
import { Histogram } from '../../stats/histogram.ts'
import type { ResolvedThreshold } from './scenario.ts'
import type { LoadErrorKind, LatencySummary, LoadEndpointResult, LoadThresholdResult, LoadSecond } from '../../types.ts'
export type { LoadErrorKind, LatencySummary, LoadEndpointResult, LoadThresholdResult, LoadSecond }

class Series {
  readonly latency = new Histogram()
  errors = 0
  readonly errorsByKind: Partial<Record<LoadErrorKind, number>> = {}
  firstErrorAt: number | null = null

  add(durationMs: number, error: LoadErrorKind | null, atMs: number): void {
    this.latency.add(durationMs)
    if (!error) return
    this.errors++
    this.errorsByKind[error] = (this.errorsByKind[error] ?? 0) + 1
    this.firstErrorAt ??= atMs
  }

  values(elapsedMs: number): AggregatedValues & { rps: number } {
    const h = this.latency
    return {
      avg: h.count ? h.sum / h.count : null,
      med: h.quantile(0.5),
      min: h.count ? h.min : null,
      max: h.count ? h.max : null,
      p: (q) => h.quantile(q / 100),
      count: h.count,
      rate: h.count ? this.errors / h.count : null,
      rps: elapsedMs > 0 ? (h.count * 1000) / elapsedMs : 0,
    }
  }

  summary(): LatencySummary {
    const h = this.latency
    return {
      avg: h.count ? h.sum / h.count : null,
      p50: h.quantile(0.5),
      p90: h.quantile(0.9),
      p95: h.quantile(0.95),
      p99: h.quantile(0.99),
      max: h.count ? h.max : null,
    }
  }
}

/** Everything a run measures, in bounded memory (histograms, one small record per second, ≤ 200 endpoints). */
export class LoadResults {
  readonly overall = new Series()
  readonly endpoints = new Map<string, Series>()
  private readonly seconds: Array<{ requests: number; errors: number; started: number; latency: Histogram }> = []
  /** Recent outcomes (true = error), for the error-rate auto-stop. */
  private readonly recent: boolean[] = []

  started(atMs: number): void {
    this.second(atMs).started++
  }

  record(endpoint: string, durationMs: number, error: LoadErrorKind | null, atMs: number): void {
    this.overall.add(durationMs, error, atMs)
    let series = this.endpoints.get(endpoint)
    if (!series) {
      series = this.endpoints.get(this.endpoints.size >= 200 ? 'other' : endpoint) ?? new Series()
      this.endpoints.set(this.endpoints.size >= 200 ? 'other' : endpoint, series)
    }
    series.add(durationMs, error, atMs)
    const s = this.second(atMs)
    s.requests++
    if (error) s.errors++
    s.latency.add(durationMs)
    this.recent.push(error !== null)
    if (this.recent.length > 50) this.recent.shift()
  }

  /** Error rate of the last 50 requests, or null before 20. */
  recentErrorRate(): number | null {
    if (this.recent.length < 20) return null
    return this.recent.filter(Boolean).length / this.recent.length
  }

  timeline(): LoadSecond[] {
    return this.seconds.map((s, second) => ({
      second,
      requests: s?.requests ?? 0,
      errors: s?.errors ?? 0,
      started: s?.started ?? 0,
      p95: s ? s.latency.quantile(0.95) : null,
    }))
  }

  endpointResults(elapsedMs: number): LoadEndpointResult[] {
    return [...this.endpoints].map(([key, s]) => ({
      key,
      requests: s.latency.count,
      rps: elapsedMs > 0 ? (s.latency.count * 1000) / elapsedMs : 0,
      errors: s.errors,
      errorsByKind: { ...s.errorsByKind },
      latency: s.summary(),
    }))
  }

  /** k6 semantics: `http_req_duration` is latency, `http_req_failed` a rate of failures, `http_reqs` a count and rate. */
  evaluate(thresholds: readonly ResolvedThreshold[], elapsedMs: number): LoadThresholdResult[] {
    return thresholds.map((t) => {
      const series = t.endpoint === null ? this.overall : this.endpoints.get(t.endpoint)
      const base = series?.values(elapsedMs)
      const values: AggregatedValues = !base
        ? {}
        : t.metric === 'http_req_duration'
          ? { ...base, rate: null }
          : t.metric === 'http_req_failed'
            ? { rate: base.rate, count: series!.errors }
            : { count: base.count, rate: base.rps }
      const result = evaluateThreshold(t.expression, values)
      return {
        metric: t.metric,
        endpoint: t.endpoint,
        expression: t.source,
        status: result.status,
        actual: result.actual,
      }
    })
  }

  private second(atMs: number) {
    const i = Math.max(0, Math.floor(atMs / 1000))
    while (this.seconds.length <= i) this.seconds.push({ requests: 0, errors: 0, started: 0, latency: new Histogram() })
    return this.seconds[i]!
  }
}
