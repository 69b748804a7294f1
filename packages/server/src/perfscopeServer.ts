import { DEFAULT_METRICS_ENDPOINT, formatAnnouncement } from '@perfscope/core'
import { BATCH_FORMAT_VERSION, DEFAULT_MAX_BATCH_BYTES } from '@perfscope/core/codec'
import { mayRead, originSet, writeOriginAllowed, type Authorize, type WriteRefusal } from './accessControl.ts'
import { Ingest, type IngestOptions } from './ingest.ts'
import type { PrometheusMetrics } from './prometheus.ts'
import { RateLimiter, type RateLimitOptions } from './rateLimiter.ts'
import type { PerfscopeRequest } from './requestView.ts'
import { parseSince } from './sinceParam.ts'
import { createClientPrometheusMetrics, type ClientPrometheusMetrics } from './prometheusClient.ts'
import { createOtlpForwarder, type OtlpForwarder, type OtlpOptions } from './otlp.ts'
import type { RequestTiming } from './serverTiming.ts'
import { STORE_DIR_NEEDS_NODE, SummaryStore, type OpenFileStore, type SummaryStoreOptions } from './summaryStore.ts'

/** Options of `createPerfscope()`, `perfscopeMiddleware()` and `withPerfscope()`. */
export interface PerfscopeServerOptions extends IngestOptions {
  /**
   * The instance's name: a process has one state per name (default `'default'`, shared by `withPerfscope()` and
   * `perfscopeMiddleware()`). Give another name only for data kept apart.
   */
  name?: string
  /** Path of the metrics endpoint: `GET` returns summaries as JSON, `POST` takes beacons. */
  endpoint?: string
  /**
   * Who may read the metrics endpoint (and `/metrics`). Without it, only development (`NODE_ENV` is not
   * `production`) and loopback clients may; with it, exactly those it says yes to.
   */
  authorize?: Authorize
  /**
   * Origins, besides the app's own, whose pages may send batches (piggybacked or beaconed), e.g.
   * `['https://app.example.com']` for an API on another origin. Compared exactly.
   */
  allowOrigins?: string[]
  /** Limits on writes per client and overall (defaults: 10/s with bursts of 60 per client, 200/s with bursts of 400 overall). */
  rateLimit?: RateLimitOptions
  /**
   * The client's address for rate limits and the loopback check, when the adapter cannot see it: a Fetch
   * `Request` has none (e.g. `(req) => req.headers.get('x-real-ip')` behind a proxy you trust). The Node
   * middleware uses the socket's address unless this is given.
   */
  clientAddress?: (request: PerfscopeRequest) => string | null
  /** Serve Prometheus text exposition (Node only; needs `prom-client`); `true` serves it at `/metrics`. Default off. */
  prometheus?: boolean | { path: string }
  /** Forward what browsers send (vitals, endpoint latencies, errors) as OTLP metrics to a collector. Default off. */
  otlp?: OtlpOptions
  /** Add `Server-Timing` spans to every response (default true). The batch announcement is added either way. */
  serverTiming?: boolean
  /** Value of `Timing-Allow-Origin` (e.g. `*` or an origin), so cross-origin pages can read the timings. */
  timingAllowOrigin?: string
  /** Where summaries are kept: a store to share, or options for a new one (in memory unless `dir` is set). */
  store?: SummaryStore | SummaryStoreOptions
}

/** What differs between runtimes: the Node entry provides Prometheus; Fetch-only runtimes have none. */
export interface ServerRuntime {
  /** Creates the Prometheus metrics, or null when `prom-client` is not installed. Absent: not available here. */
  createPrometheus?: () => PrometheusMetrics | null
  /** Opens the file store of `store.dir`. Absent: no file system here. */
  openFileStore?: OpenFileStore
}

/** A response the adapters write out. */
export interface PlainResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/** Largest beacon body accepted (the browser's own limit is 64 KiB); also capped by `maxBatchBytes`. */
export const MAX_BEACON_BYTES = 64 * 1024
export const LOAD_HEADER = 'x-perfscope-load'
export const BATCH_HEADER_NAME = 'x-perfscope-batch'

const PROM_CLIENT_MISSING =
  'perfscope: /metrics needs the optional peer dependency prom-client (npm install prom-client)'
const JSON_HEADERS = {
  'content-type': 'application/json',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
}

/**
 * One perfscope state: the summary store, the ingest queue and its counters, Prometheus, the write limits, and
 * the endpoint's answers. Every adapter made from one `createPerfscope()` (and every `withPerfscope()` /
 * `perfscopeMiddleware()` of a process) shares one of these.
 */
export class PerfscopeServer {
  readonly store: SummaryStore
  readonly ingest: Ingest
  readonly endpoint: string
  readonly metricsPath: string | null
  readonly serverTiming: boolean
  readonly timingAllowOrigin: string | undefined
  /** The largest beacon body taken, in bytes (the POST body is capped at this while streaming). */
  readonly maxBeaconBytes: number
  /** Writes refused before decoding, by reason (decoding refusals are in `ingest.counters`). */
  readonly refusedWrites: Record<WriteRefusal, number> = { origin: 0, 'rate-limited': 0, 'too-large': 0 }
  readonly clientAddress: ((request: PerfscopeRequest) => string | null) | undefined
  private readonly prometheus: PrometheusMetrics | null
  private readonly authorize: Authorize | undefined
  private readonly allowOrigins: ReadonlySet<string>
  private readonly rateLimiter: RateLimiter
  private readonly announcement: string
  private readonly clientPrometheus: ClientPrometheusMetrics | null
  /** The OTLP outlet when `otlp` is set: `forceFlush()` / `shutdown()` it on graceful shutdown. */
  readonly otlp: OtlpForwarder | null

  constructor(options: PerfscopeServerOptions = {}, runtime: ServerRuntime = {}) {
    if (!(options.store instanceof SummaryStore) && options.store?.dir && !runtime.openFileStore)
      throw new Error(STORE_DIR_NEEDS_NODE)
    this.store =
      options.store instanceof SummaryStore ? options.store : new SummaryStore(options.store, runtime.openFileStore)
    this.endpoint = options.endpoint ?? DEFAULT_METRICS_ENDPOINT
    const p = options.prometheus
    this.metricsPath = p === true ? '/metrics' : p ? p.path : null
    if (this.metricsPath && !runtime.createPrometheus) {
      throw new Error(
        'perfscope: the prometheus option needs Node.js (prom-client); this runtime loaded the Fetch-API entry of @perfscope/server',
      )
    }
    this.prometheus = this.metricsPath ? runtime.createPrometheus!() : null
    this.clientPrometheus = this.prometheus ? createClientPrometheusMetrics() : null
    this.otlp = options.otlp ? createOtlpForwarder(options.otlp) : null
    this.ingest = new Ingest(this.store, {
      ...options,
      onBatch: (samples, at) => {
        this.clientPrometheus?.record(samples)
        this.otlp?.record(samples)
        options.onBatch?.(samples, at)
      },
    })
    this.serverTiming = options.serverTiming ?? true
    this.timingAllowOrigin = options.timingAllowOrigin
    this.authorize = options.authorize
    this.allowOrigins = originSet('allowOrigins', options.allowOrigins)
    this.rateLimiter = new RateLimiter(options.rateLimit)
    this.clientAddress = options.clientAddress
    const maxBatchBytes = options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES
    this.maxBeaconBytes = Math.min(MAX_BEACON_BYTES, maxBatchBytes)
    this.announcement = formatAnnouncement({
      version: BATCH_FORMAT_VERSION,
      maxHeaderBytes: maxBatchBytes,
      maxBeaconBytes: this.maxBeaconBytes,
    })
  }

  /** True when perfscope itself answers this path (the app never sees it). */
  owns(pathname: string): boolean {
    return pathname === this.endpoint || pathname === this.metricsPath
  }

  /**
   * Answers the metrics endpoint or `/metrics`. Reads need {@link mayRead}; a POST is checked for its origin
   * and rate before `readBody(cap)` reads anything, and the body is capped while it streams (null: over the cap).
   */
  async answer(request: PerfscopeRequest, readBody: (cap: number) => Promise<string | null>): Promise<PlainResponse> {
    const { method, url } = request
    if (method === 'POST' && url.pathname !== this.metricsPath) {
      const refusal = this.refuseWrite(request)
      if (refusal === 'origin')
        return text(403, 'perfscope: beacons are taken from the app’s own origin or allowOrigins')
      if (refusal === 'rate-limited')
        return { ...text(429, 'perfscope: too many beacons'), headers: { ...TEXT, 'retry-after': '10' } }
      const body = await readBody(this.maxBeaconBytes)
      if (body === null) {
        this.refusedWrites['too-large']++
        return {
          ...text(413, `perfscope: beacon over ${this.maxBeaconBytes} bytes`),
          headers: { ...TEXT, connection: 'close' },
        }
      }
      this.ingest.enqueue(body.trim())
      return { status: 204, headers: {}, body: '' }
    }
    if (method !== 'GET' && method !== 'HEAD') {
      const allow = url.pathname === this.metricsPath ? 'GET, HEAD' : 'GET, HEAD, POST'
      return { status: 405, headers: { allow, ...TEXT }, body: 'perfscope: method not allowed' }
    }
    if (!(await mayRead(request, this.authorize))) {
      return text(
        403,
        'perfscope: reading metrics needs the authorize option (without it: development and loopback only)',
      )
    }
    if (url.pathname === this.metricsPath) {
      if (!this.prometheus) return text(501, PROM_CLIENT_MISSING)
      const { contentType, body: server } = await this.prometheus.exposition()
      const exposition = `${server}${(await this.clientPrometheus?.exposition()) ?? ''}`
      return { status: 200, headers: { 'content-type': contentType, 'cache-control': 'no-store' }, body: exposition }
    }
    const since = parseSince(url.searchParams.get('since'))
    if (since === null) return text(400, 'perfscope: ?since= takes a date (YYYY-MM-DD) or epoch milliseconds')
    const payload = {
      days: this.store.summaries(since),
      ingest: { ...this.ingest.counters, pending: this.ingest.pending },
      writes: { refused: this.refusedWrites },
      store: this.store.status(),
    }
    return { status: 200, headers: JSON_HEADERS, body: JSON.stringify(payload) }
  }

  /**
   * Checks a write (a beacon, or a batch piggybacked on an app request) for its origin and rate; returns why
   * it is refused (and counts it), or null when it may go on.
   */
  refuseWrite(request: PerfscopeRequest): WriteRefusal | null {
    let refusal: WriteRefusal | null = null
    if (!writeOriginAllowed(request, this.allowOrigins)) refusal = 'origin'
    else if (!this.rateLimiter.take(request.client)) refusal = 'rate-limited'
    if (refusal) this.refusedWrites[refusal]++
    return refusal
  }

  /** Records one finished app request (called after the response went out). */
  observe(route: string, method: string, status: number, timing: RequestTiming, load: boolean): void {
    const dur = timing.elapsed()
    this.store.recordRequest(route, dur, status, load)
    if (!this.prometheus) return
    this.prometheus.observeRequest(route, method, status, dur, load)
    if (load) return
    for (const q of timing.dbQueries) this.prometheus.observeDbQuery(q.name, q.dur)
  }

  /**
   * The headers to add to an app response: `Server-Timing` (the spans, and the announcement that batches are
   * taken, with the wire version and byte limits) and `Timing-Allow-Origin` (configured, or the request's
   * `Origin` when it is an allowed one, so its pages can read the announcement).
   */
  timingHeaders(timing: RequestTiming | null, origin: string | null | undefined): Record<string, string> {
    const headers: Record<string, string> = {
      'server-timing': this.serverTiming && timing ? `${timing.header()}, ${this.announcement}` : this.announcement,
    }
    if (this.timingAllowOrigin) headers['timing-allow-origin'] = this.timingAllowOrigin
    else if (origin && this.allowOrigins.has(origin)) headers['timing-allow-origin'] = origin
    return headers
  }
}

const TEXT = { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }

function text(status: number, body: string): PlainResponse {
  return { status, headers: TEXT, body }
}
