import { DEFAULT_METRICS_ENDPOINT } from '@perfscope/core'
import { Ingest, type IngestOptions } from './ingest.ts'
import { createPrometheusMetrics, PROM_CLIENT_MISSING, type PrometheusMetrics } from './prometheus.ts'
import { createClientPrometheusMetrics, type ClientPrometheusMetrics } from './prometheusClient.ts'
import { createOtlpForwarder, type OtlpForwarder, type OtlpOptions } from './otlp.ts'
import type { RequestTiming } from './serverTiming.ts'
import { SummaryStore, type SummaryStoreOptions } from './summaryStore.ts'

/** Options shared by `perfscopeMiddleware()` and `withPerfscope()`. */
export interface PerfscopeServerOptions extends IngestOptions {
  /** Path of the metrics endpoint: `GET` returns summaries as JSON, `POST` takes beacons. */
  endpoint?: string
  /** Serve Prometheus text exposition (needs `prom-client`); `true` serves it at `/metrics`. Default off. */
  prometheus?: boolean | { path: string }
  /** Forward what browsers send (vitals, endpoint latencies, errors) as OTLP metrics to a collector. Default off. */
  otlp?: OtlpOptions
  /** Add `Server-Timing` to every response (default true). */
  serverTiming?: boolean
  /** Value of `Timing-Allow-Origin` (e.g. `*` or an origin), so cross-origin pages can read the timings. */
  timingAllowOrigin?: string
  /** Where summaries are kept: a store to share, or options for a new one (in memory unless `dir` is set). */
  store?: SummaryStore | SummaryStoreOptions
}

/** A response the adapters write out. */
export interface PlainResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/** Largest beacon body accepted (the browser's own limit is 64 KiB). */
export const MAX_BEACON_BYTES = 64 * 1024
export const LOAD_HEADER = 'x-perfscope-load'
export const BATCH_HEADER_NAME = 'x-perfscope-batch'

/** What the Node and Fetch adapters share: the store, the ingest queue, Prometheus and the endpoint's answers. */
export class PerfscopeServer {
  readonly store: SummaryStore
  readonly ingest: Ingest
  readonly endpoint: string
  readonly metricsPath: string | null
  readonly serverTiming: boolean
  readonly timingAllowOrigin: string | undefined
  private readonly prometheus: PrometheusMetrics | null
  private readonly clientPrometheus: ClientPrometheusMetrics | null
  /** The OTLP outlet when `otlp` is set: `forceFlush()` / `shutdown()` it on graceful shutdown. */
  readonly otlp: OtlpForwarder | null

  constructor(options: PerfscopeServerOptions = {}) {
    this.store = options.store instanceof SummaryStore ? options.store : new SummaryStore(options.store)
    this.endpoint = options.endpoint ?? DEFAULT_METRICS_ENDPOINT
    const p = options.prometheus
    this.metricsPath = p === true ? '/metrics' : p ? p.path : null
    this.prometheus = this.metricsPath ? createPrometheusMetrics() : null
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
  }

  /** True when perfscope itself answers this path (the app never sees it). */
  owns(pathname: string): boolean {
    return pathname === this.endpoint || pathname === this.metricsPath
  }

  /** Answers the metrics endpoint or `/metrics`. `body` is the POSTed text, already read and capped. */
  async answer(method: string, url: URL, body: string | null): Promise<PlainResponse> {
    if (url.pathname === this.metricsPath) {
      if (!this.prometheus) return text(501, PROM_CLIENT_MISSING)
      const { contentType, body: server } = await this.prometheus.exposition()
      const exposition = `${server}${(await this.clientPrometheus?.exposition()) ?? ''}`
      return { status: 200, headers: { 'content-type': contentType, 'cache-control': 'no-store' }, body: exposition }
    }
    if (method === 'GET' || method === 'HEAD') {
      const since = url.searchParams.get('since')
      if (since !== null && !/^\d{4}-\d{2}-\d{2}$/.test(since) && !/^\d+$/.test(since)) {
        return text(400, 'perfscope: ?since= takes a date (YYYY-MM-DD) or epoch milliseconds')
      }
      const payload = {
        days: this.store.summaries(since === null ? undefined : /^\d+$/.test(since) ? Number(since) : since),
        ingest: this.ingest.counters,
      }
      return { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify(payload) }
    }
    if (method === 'POST') {
      if (body === null) return text(413, `perfscope: beacon over ${MAX_BEACON_BYTES} bytes`)
      this.ingest.enqueue(body.trim())
      return { status: 204, headers: {}, body: '' }
    }
    return { status: 405, headers: { allow: 'GET, HEAD, POST', 'content-type': 'text/plain' }, body: 'perfscope: method not allowed' }
  }

  /** Records one finished app request (called after the response went out). */
  observe(route: string, method: string, status: number, timing: RequestTiming, load: boolean): void {
    const dur = timing.elapsed()
    this.store.recordRequest(route, dur, status, load)
    if (!this.prometheus || load) return
    this.prometheus.observeRequest(route, method, status, dur)
    for (const q of timing.dbQueries) this.prometheus.observeDbQuery(q.name, q.dur)
  }

  /** The headers to add to an app response: `Server-Timing` (and `Timing-Allow-Origin` when configured). */
  timingHeaders(timing: RequestTiming): Record<string, string> {
    const headers: Record<string, string> = {}
    if (this.serverTiming) headers['server-timing'] = timing.header()
    if (this.timingAllowOrigin) headers['timing-allow-origin'] = this.timingAllowOrigin
    return headers
  }
}

function text(status: number, body: string): PlainResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body }
}
