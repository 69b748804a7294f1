import type { LoadState } from './features/load/loadSimulator.ts'
import type { HistoryState } from './features/history/history.ts'
import type { MonitorAlert } from './features/budgets/alerts.ts'
import type { BudgetState } from './features/budgets/budgetWatcher.ts'
import type { CostState } from './features/budgets/cost.ts'
import type { QuotaUse } from './features/budgets/quotas.ts'

/**
 * Public types of `@perfscope/core`. Everything in a {@link Snapshot} is plain, JSON-serialisable data.
 */

/** The metrics a monitor can collect; each one can be switched off (then it is not collected at all). */
export type MetricName =
  | 'vitals'
  | 'navigation'
  | 'paint'
  | 'longTasks'
  | 'longAnimationFrames'
  | 'layoutShifts'
  | 'events'
  | 'routes'
  | 'memory'
  | 'frames'
  | 'network'
  | 'renders'

/** Names of the Core Web Vitals and their companions, as `web-vitals` reports them. */
export type VitalName = 'LCP' | 'INP' | 'CLS' | 'FCP' | 'TTFB'

/** The official rating of a value against a metric's good / poor thresholds. */
export type Rating = 'good' | 'needs-improvement' | 'poor'

/** One small record of something measured. `t` is ms on the `performance.now()` clock, `v` is in the metric's unit. */
export interface Sample {
  /** Dotted metric key, e.g. `vital.LCP`, `longtask`, `http.GET /api/users/:id`. */
  key: string
  t: number
  v: number
  tags?: Record<string, string>
}

/** Percentile summary of a streaming histogram; durations in ms. All fields are `null` until a value arrives. */
export interface StatSummary {
  count: number
  min: number | null
  max: number | null
  mean: number | null
  p50: number | null
  p75: number | null
  p90: number | null
  p95: number | null
  p99: number | null
}

/** A summary over the rolling windows every streaming metric keeps. */
export interface WindowedStats {
  lastMinute: StatSummary
  last5Minutes: StatSummary
  session: StatSummary
}

export interface VitalState {
  value: number
  rating: Rating
  /** What a developer needs to act on the value (element, sub-parts, target…); plain data, never DOM nodes. */
  attribution: Record<string, unknown>
  /** `performance.now()` time of the latest report. */
  at: number
}

/** Whether the browser supports a source; unsupported sources are reported, never thrown. */
export type Support = 'supported' | 'unsupported' | 'not-started'

export interface MonitorError {
  source: string
  message: string
  at: number
}

/** Time perfscope spent in its own callbacks and wrappers (self-time), in ms. */
export interface Overhead {
  totalMs: number
  calls: number
  bySource: Record<string, number>
}

/** Live state of a monitor. Selectors pick parts of it; each part is replaced (never mutated) when it changes. */
export interface Snapshot {
  running: boolean
  /** `Date.now()` when `start()` was last called, or null. */
  startedAt: number | null
  filters: Record<MetricName, boolean>
  /** Whether perfscope's own and the load simulator's requests count in the app's figures (off by default). */
  includeInternal: boolean
  support: Record<string, Support>
  vitals: Partial<Record<VitalName, VitalState>>
  /** The page's own navigation timing, once the navigation entry is known. */
  navigation: NavigationTiming | null
  /** Single-page route changes, one entry per route pattern. */
  routes: RouteStats[]
  /** Long tasks (> 50 ms) and long animation frames, durations in ms. */
  longTasks: TaskStats
  longAnimationFrames: TaskStats
  /** Layout shifts without recent input: `totalMs` is unused, `duration` summarises shift scores. */
  layoutShifts: LayoutShiftStats
  /** Event timing: interactions' durations (input to next paint), ms. */
  events: TaskStats
  /** First paint and first contentful paint, ms from navigation start. */
  paint: PaintTiming | null
  /** Frame rate, measured only while something watches (the overlay is open). */
  frames: FrameStats | null
  memory: MemoryStats | null
  /** Network calls grouped by endpoint (`GET /api/users/:id`). */
  endpoints: EndpointStats[]
  /** WebSocket and EventSource connections grouped by URL pattern. */
  channels: ChannelStats[]
  /** The load simulator: the active run's progress, the last result, the last refusal. */
  load: LoadState | null
  /** Where history is kept (IndexedDB or memory only) and how many days it holds. */
  history: HistoryState | null
  /** What the piggyback transport has sent, holds and dropped; null until it starts. */
  transport: TransportStats | null
  overhead: Overhead
  errors: { count: number; recent: MonitorError[] }
  /** Render timings per profiler id (`<PerfProfiler id>`), fed by `monitor.recordRender()`. */
  renders: RenderStats[]
  /** Budget, quota and cost alerts: active ones first (critical, then oldest), then recently ended ones. */
  alerts: MonitorAlert[]
  /** The budget environment and every budget checked live; null until the monitor starts. */
  budgets: BudgetState | null
  /** Use of each configured call quota in its window. */
  quotas: QuotaUse[]
  /** Projected monthly cost, when `budgets.cost` is configured; else null. */
  costs: CostState | null
}

/** A listener for snapshot changes; called at most once per microtask with the new and previous state. */
export type SnapshotListener = (state: Snapshot, previous: Snapshot) => void

export interface NavigationTiming {
  type: string
  /** ms from navigation start. */
  ttfb: number
  domContentLoaded: number
  load: number
  transferSize: number
}

export interface RouteStats {
  /** Route pattern, ids normalised (`/users/:id`). */
  route: string
  count: number
  /** Time from the route change to the next paint, ms. */
  duration: StatSummary
  lastAt: number
}

export interface TaskStats {
  count: number
  totalMs: number
  duration: StatSummary
}

export interface FrameStats {
  fps: number
  droppedFrames: number
  frameTime: StatSummary
}

export interface MemoryStats {
  /** Bytes; null where the browser does not say. */
  usedJSHeapSize: number | null
  totalJSHeapSize: number | null
  jsHeapSizeLimit: number | null
  domNodes: number | null
  /** Whole-page memory from `measureUserAgentSpecificMemory()` (cross-origin isolated pages only), bytes. */
  pageBytes: number | null
  /** True when the heap floor grows steadily across garbage collections. */
  leakSuspected: boolean
  at: number
}

export type EndpointHealth = 'healthy' | 'degraded' | 'failing'

export interface EndpointStats {
  /** Method and route pattern, e.g. `GET /api/users/:id`. */
  key: string
  count: number
  /**
   * Requests per second over the last minute, or over the time since the first call when that is shorter (at
   * least 1 s); 0 until there are two calls.
   */
  rate: number
  errors: number
  errorRate: number
  latency: StatSummary
  bytes: number
  lastStatus: number | null
  health: EndpointHealth
  runaway: { active: boolean; reason: string | null; kind?: 'rate' | 'overlap' | 'ceiling' | null }
  /** What broke the health budget (`p95 240 ms > 200 ms`), null when healthy. */
  healthReason?: string | null
  /** The learned polling interval, ms; null when the endpoint is not polled at a steady pace. */
  pollIntervalMs?: number | null
  /** Calls aborted by the app (`AbortController`) and timed out (`AbortSignal.timeout`); not errors. */
  aborted?: number
  timeouts?: number
  /** Calls made by perfscope or its load simulator counted here (0 unless `snapshot().includeInternal`). */
  internal?: number
  /**
   * Calls counted here that were made before the monitor started, taken from the browser's resource-timing
   * buffer: their method is assumed to be GET, and their latency is the entry's time to the response headers.
   */
  backfilled?: number
  /** Calls still waiting for their response. */
  inFlight?: number
  /** Bytes sent in request bodies, where the size was known without reading the body. */
  requestBytes?: number
  /**
   * Latency (time to response headers) over the last minute, as health and budgets judge it: without the first
   * call until a second one arrived, and without a warm-up first call (`warmupMs`). `latency` is the whole session.
   */
  latencyLastMinute?: StatSummary
  /** The thresholds `health` is judged against (and budgets, where the budget file sets none for this endpoint). */
  budget?: { p95Ms: [number, number]; errorRate: [number, number]; source: 'network.budgets' | 'same-origin default' | 'cross-origin default' }
  /** Errors per call over the last minute, as health and budgets judge it (`errorRate` is the whole session). */
  errorRateLastMinute?: number
  /** The first call's latency when it was far slower than the second (a dev server compiling, a cold start), ms. */
  warmupMs?: number | null
  /** The latest URL called, redacted. */
  lastUrl?: string | null
  /** Per `Server-Timing` metric name, the durations the server reported (ms). */
  serverTiming?: { name: string; duration: StatSummary }[]
  /** Detail from matching `PerformanceResourceTiming` entries (ms); `unavailable` counts cross-origin entries without `Timing-Allow-Origin`. */
  timing?: ResourceTimingDetail
  /** Last values of the response headers named in `network.captureHeaders`. */
  headers?: Record<string, string>
}

export interface ResourceTimingDetail {
  matched: number
  unavailable: number
  dns: StatSummary
  connect: StatSummary
  /** Request sent to first response byte. */
  ttfb: StatSummary
  /** First to last response byte: the body download, known without reading the body. */
  download: StatSummary
}

/** One WebSocket or EventSource endpoint (`WS /socket`, `SSE /events`). */
export interface ChannelStats {
  key: string
  kind: 'websocket' | 'eventsource'
  /** Connections created, currently open, and reconnects (a new connection after one to the same key ended). */
  connects: number
  open: number
  reconnects: number
  reconnectsLastMinute: number
  /** Time from construction to `open`, ms. */
  openTime: StatSummary
  messagesIn: number
  messagesOut: number
  bytesIn: number
  bytesOut: number
  errors: number
  /** How many closes per close code (`1000`, `1006`…). */
  closeCodes: Record<string, number>
  /** Round-trip time of messages the server echoed back, ms; empty when the protocol never echoes. */
  roundTrip: StatSummary
  health: EndpointHealth
  healthReason: string | null
  lastUrl: string
}

export interface TransportStats {
  /** Samples waiting for a request to ride on. */
  pending: number
  /** Batches that rode on an app request whose response came back without a 4xx (a server took them). */
  sentBatches: number
  sentSamples: number
  /** Batches that went out on a request answered with a 4xx or 5xx, or that failed; never resent. */
  failedBatches: number
  /** Final flushes the browser queued with `sendBeacon` (it gives no reply to read). */
  beaconBatches: number
  /** Samples dropped because the buffer was full. */
  dropped: number
  /** Times a 4xx answer, or a failed cross-origin request, to a request carrying a batch made the transport back off. */
  backedOff: number
  /** True once a server announced that it takes batches; until then nothing is encoded or sent. */
  accepting: boolean
}

export interface LayoutShiftStats {
  count: number
  /** Sum of all shift scores (not CLS, which is the worst session window; see `vitals.CLS`). */
  total: number
  /** The largest single shift and the element that moved most in it (a CSS selector). */
  largest: { value: number; source: string | null } | null
}

export interface PaintTiming {
  firstPaint: number | null
  firstContentfulPaint: number | null
}

/** The phase React's Profiler reports: the first render of a tree, or a re-render. */
export type RenderPhase = 'mount' | 'update' | 'nested-update'

/** Render counts and durations (ms, React's `actualDuration`) of one profiled tree. */
export interface RenderStats {
  id: string
  mounts: number
  updates: number
  /** Sum of every render's duration. */
  totalMs: number
  /** Duration of the latest render, and React's estimate of re-rendering the whole tree without memoisation. */
  lastMs: number
  lastBaseMs: number
  /** `performance.now()` time of the latest render. */
  lastAt: number
  mount: StatSummary
  update: StatSummary
}
