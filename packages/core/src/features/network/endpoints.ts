import { emptySummary } from '../../stats/emptySummary.ts'
import { Histogram } from '../../stats/histogram.ts'
import { RollingHistogram } from '../../stats/rollingHistogram.ts'
import { RollingCounter } from '../../stats/rollingCounter.ts'
import { RunawayDetector } from './runaway.ts'
import { endpointHealth } from './serviceHealth.ts'
import { parseServerTiming } from './serverTiming.ts'
import type { EndpointRules } from './compiledNetworkOptions.ts'
import type { RequestRecord, RequestTarget } from './requestRecord.ts'
import type { EndpointStats, ResourceTimingDetail } from '../../types.ts'

/** Key of the bucket that counts every endpoint past the table's bound. */
export const OTHER_ENDPOINT_KEY = 'other'
/** Server-Timing metric names kept per endpoint; a server that sends more gets the first ones. */
export const MAX_SERVER_TIMING_NAMES = 12

const MINUTE_MS = 60_000
/** A rate needs at least two calls, over at least this long: one call, or two a few ms apart, is no rate. */
export const MIN_RATE_SPAN_MS = 1_000
/**
 * The first call of an endpoint is a warm-up (an on-demand compile in a dev server, a cold start) when it took
 * more than this many times as long as the second and at least {@link WARMUP_MIN_EXTRA_MS} more: it is then kept
 * apart from the latency that health and budgets judge.
 */
export const WARMUP_FACTOR = 4
export const WARMUP_MIN_EXTRA_MS = 100

/** Timing detail from resource-timing entries, allocated only for endpoints that get one. */
class TimingDetail {
  matched = 0
  unavailable = 0
  readonly dns = new Histogram()
  readonly connect = new Histogram()
  readonly ttfb = new Histogram()
  readonly download = new Histogram()

  summary(): ResourceTimingDetail {
    return {
      matched: this.matched,
      unavailable: this.unavailable,
      dns: this.dns.summary(),
      connect: this.connect.summary(),
      ttfb: this.ttfb.summary(),
      download: this.download.summary(),
    }
  }
}

/** Aggregates of one endpoint: counters, histograms and detectors of fixed size. */
export class EndpointEntry {
  count = 0
  errors = 0
  aborted = 0
  timeouts = 0
  internal = 0
  backfilled = 0
  inFlight = 0
  bytes = 0
  requestBytes = 0
  lastStatus: number | null = null
  lastTarget: RequestTarget | null = null
  lastAt = 0
  firstAt = -1
  headers: Record<string, string> | null = null
  readonly latency = new Histogram()
  readonly recentLatency = new RollingHistogram(MINUTE_MS, 6)
  readonly recentCount = new RollingCounter(MINUTE_MS, 6)
  readonly recentErrors = new RollingCounter(MINUTE_MS, 6)
  readonly runaway: RunawayDetector
  serverTiming: Map<string, Histogram> | null = null
  timing: TimingDetail | null = null
  /** The first answered call, held out of the judged latency until the second tells whether it was a warm-up. */
  private firstCall: { ms: number; end: number } | null = null
  private answered = 0
  /** The first call's latency when it was a warm-up, ms; null otherwise. */
  warmupMs: number | null = null
  /** Set on every change; the cached stats are rebuilt only then (or while the last-minute window moves). */
  dirty = true
  cached: EndpointStats | null = null
  /** The metric key of this endpoint's samples (`http.GET /api/x`), built once. */
  readonly sampleKey: string

  constructor(
    readonly key: string,
    readonly rules: EndpointRules,
    private readonly redact: (target: RequestTarget) => string,
  ) {
    this.runaway = new RunawayDetector(rules.maxPerSecond)
    this.sampleKey = `http.${key}`
  }

  started(t: number): void {
    this.runaway.start(t, this.inFlight)
    this.inFlight++
    if (this.firstAt < 0) this.firstAt = t
    this.lastAt = t
    this.dirty = true
  }

  finished(record: RequestRecord): void {
    if (this.inFlight > 0) this.inFlight--
    const end = record.start + record.duration
    this.count++
    if (record.internal) this.internal++
    this.recentCount.add(end)
    this.lastAt = end
    this.dirty = true
    this.lastTarget = record.target
    if (record.status !== null && record.status !== 0) this.lastStatus = record.status
    if (record.requestBytes) this.requestBytes += record.requestBytes
    if (record.responseBytes) this.bytes += record.responseBytes
    if (record.headers) this.headers = record.headers
    const kind = record.error
    if (kind === 'abort') this.aborted++
    else if (kind === 'timeout') this.timeouts++
    else if (kind !== null) {
      this.errors++
      this.recentErrors.add(end)
    }
    // An aborted call never got its answer: its duration says when the app gave up, not how fast the server is.
    if (kind !== 'abort' && kind !== 'timeout') {
      this.latency.add(record.duration)
      this.judge(record.duration, end)
    }
    if (record.serverTiming) this.addServerTiming(record.serverTiming)
  }

  /**
   * Counts a call that finished, or was already under way, before the monitor started: known only from its
   * resource-timing entry, so it moves neither the polling detector nor the in-flight count.
   */
  finishedBeforeStart(record: RequestRecord): void {
    const lastAt = this.lastAt
    if (this.firstAt < 0 || record.start < this.firstAt) this.firstAt = record.start
    this.backfilled++
    this.inFlight++
    this.finished(record)
    this.lastAt = Math.max(lastAt, this.lastAt)
  }

  /** Adds an answered call to the judged (last-minute) latency, holding the first one back until the second. */
  private judge(ms: number, end: number): void {
    if (this.answered++ === 0) {
      this.firstCall = { ms, end }
      return
    }
    const first = this.firstCall
    if (first) {
      this.firstCall = null
      if (first.ms > WARMUP_FACTOR * ms && first.ms - ms >= WARMUP_MIN_EXTRA_MS) this.warmupMs = first.ms
      // Only into a slice the window still holds: an older time would reuse, and clear, a current slice.
      else if (end - first.end < MINUTE_MS - MINUTE_MS / 6) this.recentLatency.add(first.ms, first.end)
    }
    this.recentLatency.add(ms, end)
  }

  /** Adds `Server-Timing` durations (from the response header, or from the resource-timing entry). */
  addServerTiming(header: string | readonly { name: string; duration: number }[]): void {
    const entries = typeof header === 'string' ? parseServerTiming(header, false) : header
    const map = (this.serverTiming ??= new Map())
    // Indexed, not for…of: once per response that has server timing, mostly unoptimised, where for…of allocates.
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!
      if (entry.duration === null) continue
      let h = map.get(entry.name)
      if (!h) {
        if (map.size >= MAX_SERVER_TIMING_NAMES) continue
        map.set(entry.name, (h = new Histogram()))
      }
      h.add(entry.duration)
    }
    this.dirty = true
  }

  timingDetail(): TimingDetail {
    this.dirty = true
    return (this.timing ??= new TimingDetail())
  }

  /** The entry as plain snapshot data at time `t`; rebuilt only when something changed or the window moved. */
  stats(t: number): EndpointStats {
    const windowMoving = t - this.lastAt < MINUTE_MS + 10_000
    const runaway = this.runaway.evaluate(t)
    const previous = this.cached
    if (
      previous &&
      !this.dirty &&
      !windowMoving &&
      previous.runaway.active === runaway.active &&
      previous.runaway.reason === runaway.reason
    ) {
      return previous
    }
    this.dirty = false
    const recent = this.recentCount.total(t)
    const recentErrors = this.recentErrors.total(t)
    const errorRate = recent > 0 ? recentErrors / recent : 0
    const lastMinute = windowMoving ? this.recentLatency.summary(t) : emptySummary()
    const verdict = endpointHealth(lastMinute.p95, errorRate, this.rules.budget)
    // Rate over the last minute, or over the time since the first call when that is shorter; none from one call.
    const span = Math.max(MIN_RATE_SPAN_MS, Math.min(MINUTE_MS, t - this.firstAt)) / 1000
    const stats: EndpointStats = {
      key: this.key,
      count: this.count,
      rate: recent >= 2 ? recent / span : 0,
      errors: this.errors,
      errorRate: this.count > 0 ? this.errors / this.count : 0,
      latency: this.latency.summary(),
      bytes: this.bytes,
      lastStatus: this.lastStatus,
      health: verdict.health,
      runaway: { active: runaway.active, reason: runaway.reason, kind: runaway.kind },
      healthReason: verdict.reason,
      pollIntervalMs: this.runaway.intervalMs === null ? null : Math.round(this.runaway.intervalMs),
      aborted: this.aborted,
      timeouts: this.timeouts,
      internal: this.internal,
      backfilled: this.backfilled,
      inFlight: this.inFlight,
      requestBytes: this.requestBytes,
      latencyLastMinute: lastMinute,
      lastUrl: this.lastTarget ? this.redact(this.lastTarget) : null,
      budget: {
        p95Ms: [...this.rules.budget.p95Ms],
        errorRate: [...this.rules.budget.errorRate],
        source: this.rules.budget.source,
      },
      warmupMs: this.warmupMs,
      errorRateLastMinute: errorRate,
    }
    if (this.serverTiming) {
      stats.serverTiming = [...this.serverTiming].map(([name, h]) => ({ name, duration: h.summary() }))
    }
    if (this.timing) stats.timing = this.timing.summary()
    if (this.headers) stats.headers = { ...this.headers }
    this.cached = stats
    return stats
  }
}

/** The bounded table of endpoints: at most `maxEndpoints` keys, the rest share {@link OTHER_ENDPOINT_KEY}. */
export class EndpointTable {
  private readonly entries = new Map<string, EndpointEntry>()

  constructor(
    private readonly maxEndpoints: number,
    private readonly rulesFor: (key: string, sameOrigin: boolean) => EndpointRules,
    /** Gives the redacted form of a URL; called only when an entry's stats are built. */
    private readonly redact: (target: RequestTarget) => string = (target) => target.href,
  ) {}

  get size(): number {
    return this.entries.size
  }

  entry(key: string, sameOrigin: boolean): EndpointEntry {
    let entry = this.entries.get(key)
    if (entry) return entry
    if (this.entries.size >= this.maxEndpoints) {
      entry = this.entries.get(OTHER_ENDPOINT_KEY)
      if (entry) return entry
      key = OTHER_ENDPOINT_KEY
    }
    entry = new EndpointEntry(key, this.rulesFor(key, sameOrigin), this.redact)
    this.entries.set(key, entry)
    return entry
  }

  /** Every endpoint as snapshot data, busiest first. */
  stats(t: number): EndpointStats[] {
    const list: EndpointStats[] = []
    for (const entry of this.entries.values()) list.push(entry.stats(t))
    return list.sort((a, b) => b.count - a.count)
  }
}
