import { bindRuntime } from './api.ts'
import { createPrometheusMetrics } from './prometheus.ts'

/*
 * The Node entry (export condition `node`: Node, Bun, Deno): everything the Fetch-API entry has, plus
 * Prometheus (`prom-client` is loaded with Node's `require`).
 */
export * from './index.ts'
export const { createPerfscope, withPerfscope, perfscopeMiddleware } = bindRuntime({ createPrometheus: createPrometheusMetrics })
export { DURATION_BUCKETS_MS } from './prometheus.ts'
