import type { Sample } from '@perfscope/core'
import { KeyCap, recordClientSamples } from './clientSamples.ts'
import { requireOptional } from './requireOptional.ts'

/**
 * Buckets for the millisecond vitals: every good / poor boundary of LCP (2500, 4000), INP (200, 500),
 * FCP (1800, 3000) and TTFB (800, 1800) is a bucket edge, so "share of poor" is an exact bucket ratio in PromQL.
 * Thresholds: https://web.dev/articles/vitals
 */
export const VITAL_BUCKETS_MS = [100, 200, 500, 800, 1000, 1800, 2500, 3000, 4000, 6000, 10000]
/** Client request buckets in ms, 5 ms to 5 s (as the server's request histogram). */
export const CLIENT_DURATION_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000]
/** CLS buckets: 0.1 and 0.25 are its good / poor boundaries. */
export const CLS_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1]
/** Distinct client endpoints exposed; more are folded into `endpoint="other"`. */
export const MAX_CLIENT_ENDPOINTS = 200

/** Client-side figures in Prometheus form: what browsers sent in piggybacked batches and beacons. */
export interface ClientPrometheusMetrics {
  /** Records the samples of one decoded batch. */
  record(samples: readonly Sample[]): void
  /** The text exposition of these metrics only (appended to the server's). */
  exposition(): Promise<string>
}

/**
 * Creates, on a registry of their own, `perfscope_web_vital_ms` (LCP, INP, FCP, TTFB by `name`) and
 * `perfscope_web_vital_cls` histograms, the `perfscope_client_request_duration_ms` histogram and the
 * `perfscope_client_request_errors_total` counter by `endpoint` (as the page saw them). Null without `prom-client`.
 */
export function createClientPrometheusMetrics(): ClientPrometheusMetrics | null {
  const prom = requireOptional<typeof import('prom-client')>('prom-client')
  if (!prom) return null
  const registry = new prom.Registry()
  const vitalMs = new prom.Histogram({
    name: 'perfscope_web_vital_ms',
    help: 'Web Vitals reported by browsers (LCP, INP, FCP, TTFB) in ms',
    labelNames: ['name'],
    buckets: VITAL_BUCKETS_MS,
    registers: [registry],
  })
  const cls = new prom.Histogram({
    name: 'perfscope_web_vital_cls',
    help: 'Cumulative Layout Shift reported by browsers (unitless)',
    buckets: CLS_BUCKETS,
    registers: [registry],
  })
  const requestDuration = new prom.Histogram({
    name: 'perfscope_client_request_duration_ms',
    help: 'Duration of requests as measured in the browser, by endpoint, in ms',
    labelNames: ['endpoint'],
    buckets: CLIENT_DURATION_BUCKETS_MS,
    registers: [registry],
  })
  const requestErrors = new prom.Counter({
    name: 'perfscope_client_request_errors_total',
    help: 'Requests the browser saw fail (4xx, 5xx, network error or timeout), by endpoint',
    labelNames: ['endpoint'],
    registers: [registry],
  })
  const endpoints = new KeyCap(MAX_CLIENT_ENDPOINTS)
  return {
    record(samples) {
      recordClientSamples(samples, endpoints, {
        cls: (value) => cls.observe(value),
        vital: (name, value) => vitalMs.observe({ name }, value),
        request(endpoint, durationMs, error) {
          requestDuration.observe({ endpoint }, durationMs)
          // Counting 0 too makes the series exist from the first request, so an error ratio reads 0, not empty.
          requestErrors.inc({ endpoint }, error ? 1 : 0)
        },
      })
    },
    exposition: () => registry.metrics(),
  }
}
