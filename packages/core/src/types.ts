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
  /** Render timings per profiler id (`<PerfProfiler id>`), fed by `monitor.renders.record()`. */
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
  budget?: {
    p95Ms: [number, number]
    errorRate: [number, number]
    source: 'network.budgets' | 'same-origin default' | 'cross-origin default'
  }
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

/** `snapshot().load`: the active run's progress, the last result, and the last refusal. */
export interface LoadState {
  active: LoadProgress | null
  last: LoadRunResult | null
  /** Why the last `run()` was refused (a `LoadScenarioError` message), or null. */
  error: string | null
}

export type LoadRunStatus = 'completed' | 'stopped' | 'auto-stopped' | 'threshold-failed' | 'error'

/** A finished run: what the panel shows and `exportRun()` writes. Durations in ms. */
export interface LoadRunResult {
  runId: string
  scenario: string
  executor: string
  startedAt: number
  durationMs: number
  status: LoadRunStatus
  /** Why the run ended early (emergency stop, auto-stop limit, threshold, scenario error), else null. */
  reason: string | null
  requests: number
  rps: number
  errorRate: number
  latency: LatencySummary
  errorsByKind: Partial<Record<LoadErrorKind, number>>
  endpoints: LoadEndpointResult[]
  thresholds: LoadThresholdResult[]
  /** True when every threshold passed (no-data counts as a failure, as a threshold that saw nothing proves nothing). */
  passed: boolean
  /** Arrival-rate runs: iterations not started because the concurrency cap was reached. */
  droppedIterations: number
  timeline: LoadSecond[]
  findings: string[]
  /** Memory pressure: bytes held at the peak, JS heap before / peak / after; null without a `memory` part. */
  memory: MemoryPressureResult | null
  /** Slow network: app requests delayed and failed; null without a `fault` part. */
  fault: SlowNetworkResult | null
}

/** Live state of the current run, published as `snapshot().load.active`. */
export interface LoadProgress {
  runId: string
  scenario: string
  elapsedMs: number
  durationMs: number
  activeUsers: number
  inFlight: number
  requests: number
  /** Requests completed in the last full second. */
  rps: number
  errorRate: number
  p50: number | null
  p95: number | null
  p99: number | null
  /** Bytes memory pressure holds now (0 without a `memory` part, and after release or stop). */
  memoryHeldBytes: number
  /** Slow network so far: app requests delayed, failed, and waiting now; null without a `fault` part. */
  fault: { delayed: number; failed: number; waiting: number } | null
}

/** `redirect`: the server answered with a redirect, which the simulator never follows (it may lead to another origin). */
export type LoadErrorKind = 'network' | 'http4xx' | 'http5xx' | 'timeout' | 'redirect'

export interface LatencySummary {
  avg: number | null
  p50: number | null
  p90: number | null
  p95: number | null
  p99: number | null
  max: number | null
}

export interface LoadEndpointResult {
  key: string
  requests: number
  rps: number
  errors: number
  errorsByKind: Partial<Record<LoadErrorKind, number>>
  latency: LatencySummary
}

export interface LoadThresholdResult {
  metric: string
  endpoint: string | null
  expression: string
  status: 'pass' | 'fail' | 'no-data'
  actual: number | null
}

/** One second of a run: what the latency curve and the findings are computed from. */
export interface LoadSecond {
  second: number
  requests: number
  errors: number
  p95: number | null
  /** Requests started in this second (the offered load). */
  started: number
}

/** What memory pressure did during a run. Heap figures are `performance.memory.usedJSHeapSize`, bytes, or null. */
export interface MemoryPressureResult {
  /** The most the run held at once, bytes. */
  peakHeldBytes: number
  /** Steps allocated before the release (fewer than planned after an early stop). */
  stepsDone: number
  heapBefore: number | null
  heapPeak: number | null
  /** Read when the run ended, after the release and a moment for the garbage collector. */
  heapAfter: number | null
  /** Bytes still held when the run ended: 0, since every end of a run releases (emergency and auto-stop included). */
  heldAfterBytes: number
}

/** What the fault did during a run. */
export interface SlowNetworkResult {
  latencyMs: number
  jitterMs: number
  failureRate: number
  /** App requests given a delay. */
  delayed: number
  /** App requests failed without being sent. */
  failed: number
}

/** `snapshot().history`: where history is kept and what was skipped. */
export interface HistoryState {
  status: HistoryStatus | 'starting'
  /** Why history is in memory only (the IndexedDB error), or null. */
  reason: string | null
  days: number
  /** Stored records that were unreadable and skipped. */
  skipped: number
  baseline: string | null
  /** Stored load runs, and the one pinned as the load baseline (its run id). */
  runs: number
  baselineRun: string | null
  /** How long what history stores is kept. */
  retention: HistoryRetention
}

/** How long history keeps what it stores; older records are deleted when a monitor starts. */
export interface HistoryRetention {
  /** Days a daily summary is kept (183, about 6 months). */
  summaryDays: number
  /** Days the request detail (the network log behind HAR) is kept. */
  detailDays: number
  /** Load runs kept, the newest ones; pinned baselines are kept whatever their age. */
  runs: number
}

/** Where history lives: IndexedDB, or memory when IndexedDB is unavailable (private mode, blocked, quota). */
export type HistoryStatus = 'indexeddb' | 'memory'

/** How bad a breach is: a `warning` budget or a `critical` one broke. */
export type AlertLevel = 'warning' | 'critical'

/**
 * One entry of `snapshot().alerts`: a budget, quota or cost limit that broke. It starts when the limit is first
 * broken and ends (with `endedAt`) when the value recovers; a later breach is a new alert with a new id.
 */
export interface MonitorAlert {
  id: string
  /** What broke: `vital.LCP`, an endpoint key, `quota GET /api/* per minute`, `cost observed`, `cost load run`. */
  metric: string
  level: AlertLevel
  /** Stable while the alert lasts at one level (`GET /api/items breaks p(95)<=200`). */
  message: string
  /** The latest measured value behind the breach (ms, a fraction, calls, money), null when not a number. */
  value: number | null
  /** Epoch ms. */
  startedAt: number
  endedAt: number | null
  /** Set by `monitor.budgets.acknowledge(id)`; kept while the alert stays active, including when it escalates. */
  acknowledged: boolean
}

/** `snapshot().budgets`: the environment whose budgets apply, the ones it offers, and every budget checked live. */
export interface BudgetState {
  /** The budget file in force (as given to `createMonitor` or `monitor.budgets.set`), or null for defaults only. */
  file: BudgetFile | null
  /**
   * Why the budget file given to `createMonitor` is not in force: its content did not read (the message names
   * metric and level), so the defaults apply. Null when it read, and once `monitor.budgets.set()` replaced it.
   */
  fileError: string | null
  environment: string | null
  environments: string[]
  rules: LiveBudgetRule[]
  /** Per endpoint seen, the budgets it is checked against and where they come from. */
  applied: AppliedBudget[]
}

/** One budget: expressions whose breach raises a warning, and ones whose breach is critical. */
export interface Budget {
  warning?: string | string[]
  critical?: string | string[]
}

/**
 * A budget file (`perf-budget.json`). Keys are metrics: `vital.LCP` … `vital.TTFB`, or an endpoint key such as
 * `GET /api/items`. Budget sets per environment override the top-level ones.
 *
 * ```json
 * { "budgets": { "vital.LCP": { "warning": "p(75)<2500", "critical": "p(75)<4000" },
 *                "GET /api/items": { "critical": ["p(95)<200", "rate<0.01"] } },
 *   "environments": { "development": { "budgets": { "GET /api/items": { "critical": "p(95)<1000" } } } } }
 * ```
 */
export interface BudgetFile {
  budgets: Record<string, Budget>
  environments?: Record<string, { budgets: Record<string, Budget> }>
}

/** One budget as it is checked live (`snapshot().budgets.rules`); `source` says whether the file or a default set it. */
export interface LiveBudgetRule {
  metric: string
  level: 'warning' | 'critical'
  expression: string
  source: 'file' | 'default'
}

/** The budgets one endpoint is held to, and where they come from (`snapshot().budgets.applied`). */
export interface AppliedBudget {
  endpoint: string
  /** `budget file: <pattern>`, or the source of the thresholds its health uses (`cross-origin default`…). */
  source: string
  rules: { level: 'warning' | 'critical'; expression: string }[]
}

/** The projected monthly cost of one endpoint. */
export interface EndpointCost {
  key: string
  /** The price pattern that applied. */
  match: string
  monthlyCalls: number
  monthlyBytes: number
  monthly: number
}

/** A projection of the monthly cost from a rate of calls. */
export interface CostProjection {
  projectedMonthly: number
  byEndpoint: EndpointCost[]
}

/** `snapshot().costs`. */
export interface CostState extends CostProjection {
  currency: string
  /** The `monthlyBudget`, or null; `fraction` is `projectedMonthly / budget`. */
  budget: number | null
  fraction: number | null
  /** The same projection at the rate of the last load run, or null before one. */
  loadRun: (CostProjection & { runId: string; fraction: number | null }) | null
}

/** `snapshot().quotas`: how much of one quota the app used in the window ending now. */
export interface QuotaUse {
  match: string
  window: 'minute' | 'hour'
  limit: number
  /** Calls in the sliding window (estimated: see {@link QuotaMeter}). */
  used: number
  /** `used / limit`: a warning from 0.8, critical from 1. */
  fraction: number
}
