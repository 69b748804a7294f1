import { createRequire } from 'node:module'

/** Latency buckets in ms, 5 ms to 5 s. */
export const DURATION_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000]

export const PROM_CLIENT_MISSING =
  'perfscope: /metrics needs the optional peer dependency prom-client (npm install prom-client)'

type PromClient = typeof import('prom-client')

/** The Prometheus metrics, or null when `prom-client` is not installed (it is an optional peer dependency). */
export interface PrometheusMetrics {
  observeRequest(route: string, method: string, status: number, durMs: number): void
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

/**
 * Creates the metrics on a registry of their own (so the app's default registry is left alone):
 * `http_request_duration_ms` and `db_query_duration_ms` histograms, `http_requests_total` and
 * `http_request_errors_total` counters, and an `http_request_error_rate` gauge.
 */
export function createPrometheusMetrics(): PrometheusMetrics | null {
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
    observeRequest(route, method, status, durMs) {
      const labels = { route, method, status: String(status) }
      requestDuration.observe(labels, durMs)
      requests.inc(labels)
      total++
      if (status >= 500) {
        failed++
        errors.inc({ route, method })
      }
    },
    observeDbQuery(name, durMs) {
      dbDuration.observe({ query: name }, durMs)
    },
    async exposition() {
      return { contentType: registry.contentType, body: await registry.metrics() }
    },
  }
}
