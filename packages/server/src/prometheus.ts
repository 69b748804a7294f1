import { createRequire } from 'node:module'
import { boundedKey, OVERFLOW_KEY } from './daySummary.ts'
import { MAX_KEYS_PER_DAY } from './summaryStore.ts'

/** Latency buckets in ms, 5 ms to 5 s. */
export const DURATION_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000]

type PromClient = typeof import('prom-client')

/** The Prometheus metrics, or null when `prom-client` is not installed (it is an optional peer dependency). */
export interface PrometheusMetrics {
  /** `load`: the request carried `X-Perfscope-Load`; it is counted apart, but its 5xx still count as errors. */
  observeRequest(route: string, method: string, status: number, durMs: number, load?: boolean): void
  observeDbQuery(name: string, durMs: number): void
  /** The text exposition and its content type. */
  exposition(): Promise<{ contentType: string; body: string }>
}

function loadPromClient(): PromClient | null {
  try {
    return createRequire(import.meta.url)('prom-client') as PromClient
  } catch {
    return null
  }
}

/** Methods kept as label values; any other (clients choose the method) is labelled `OTHER`. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'])

/**
 * Distinct values of one label, at most `max`; later new values become {@link OVERFLOW_KEY}. With routes,
 * methods and statuses bounded, every metric has a bounded number of series, however many paths clients invent.
 */
class LabelCap {
  private readonly seen = new Set<string>()
  constructor(private readonly max: number) {}
  value(v: string): string {
    if (this.seen.has(v)) return v
    if (this.seen.size >= this.max) return OVERFLOW_KEY
    const bounded = boundedKey(v)
    this.seen.add(bounded)
    return bounded
  }
}

/**
 * Creates the metrics on a registry of their own (so the app's default registry is left alone):
 * `http_request_duration_ms` and `db_query_duration_ms` histograms, `http_requests_total` and
 * `http_request_errors_total` counters, an `http_request_error_rate` gauge, and
 * `perfscope_load_requests_total` for requests tagged `X-Perfscope-Load`.
 *
 * Distinct `route` values (and `query` names) are capped at `maxSeries` (default 2,000); the rest share the
 * label value `__overflow__`. Load-tagged requests stay out of the duration histogram and `http_requests_total`,
 * but their 5xx answers are counted in `http_request_errors_total` and the error rate like any other: a
 * header a client can set never hides a failure.
 */
export function createPrometheusMetrics(maxSeries = MAX_KEYS_PER_DAY): PrometheusMetrics | null {
  const prom = loadPromClient()
  if (!prom) return null
  const registry = new prom.Registry()
  const requestDuration = new prom.Histogram({
    name: 'http_request_duration_ms',
    help: 'Duration of HTTP requests in ms',
    labelNames: ['route', 'method', 'status'],
    buckets: DURATION_BUCKETS_MS,
    registers: [registry],
  })
  const dbDuration = new prom.Histogram({
    name: 'db_query_duration_ms',
    help: 'Duration of database queries in ms, as tracked with trackDbQuery()',
    labelNames: ['query'],
    buckets: DURATION_BUCKETS_MS,
    registers: [registry],
  })
  const requests = new prom.Counter({
    name: 'http_requests_total',
    help: 'HTTP requests handled',
    labelNames: ['route', 'method', 'status'],
    registers: [registry],
  })
  const errors = new prom.Counter({
    name: 'http_request_errors_total',
    help: 'HTTP requests answered with a 5xx status',
    labelNames: ['route', 'method'],
    registers: [registry],
  })
  const loadRequests = new prom.Counter({
    name: 'perfscope_load_requests_total',
    help: 'HTTP requests tagged X-Perfscope-Load (the load simulator), counted apart from real traffic',
    labelNames: ['route', 'method', 'status'],
    registers: [registry],
  })
  const routes = new LabelCap(maxSeries)
  const queries = new LabelCap(maxSeries)
  let total = 0
  let failed = 0
  new prom.Gauge({
    name: 'http_request_error_rate',
    help: 'Share of HTTP requests answered with a 5xx status since start',
    registers: [registry],
    collect() {
      this.set(total === 0 ? 0 : failed / total)
    },
  })
  return {
    observeRequest(route, method, status, durMs, load = false) {
      const upper = method.toUpperCase()
      const labels = {
        route: routes.value(route),
        method: KNOWN_METHODS.has(upper) ? upper : 'OTHER',
        status: Number.isInteger(status) && status >= 100 && status <= 599 ? String(status) : 'other',
      }
      if (load) loadRequests.inc(labels)
      else {
        requestDuration.observe(labels, durMs)
        requests.inc(labels)
      }
      total++
      if (status >= 500) {
        failed++
        errors.inc({ route: labels.route, method: labels.method })
      }
    },
    observeDbQuery(name, durMs) {
      dbDuration.observe({ query: queries.value(name) }, durMs)
    },
    async exposition() {
      return { contentType: registry.contentType, body: await registry.metrics() }
    },
  }
}
