import { bindRuntime } from './api.ts'

/*
 * The Fetch-API entry (export conditions `edge-light`, `workerd`, `worker`, `default`): nothing from `node:*` on
 * its import path, so it bundles for Next.js edge routes, Cloudflare Workers, Deno and Bun. Node picks
 * `index.node.ts`, which adds Prometheus.
 */
export const { createPerfscope, withPerfscope, perfscopeMiddleware } = bindRuntime({})
export type { PerfscopeApi } from './api.ts'
export type { Perfscope } from './perfscope.ts'
export type { PerfscopeMiddleware } from './middleware.ts'
export type { PerfscopeFetchHandler, WrapOptions } from './fetchHandler.ts'
export type { PerfscopeRequest } from './requestView.ts'
export type { Authorize, WriteRefusal } from './accessControl.ts'
export type { RateLimitOptions } from './rateLimiter.ts'
export { PerfscopeServer, MAX_BEACON_BYTES } from './perfscopeServer.ts'
export type { PerfscopeServerOptions, PlainResponse } from './perfscopeServer.ts'
export { RequestTiming, currentTiming, requestScopedTiming, timing, trackDbQuery } from './serverTiming.ts'
export { SummaryStore, MAX_KEYS_PER_DAY } from './summaryStore.ts'
export type { DaySummary, MetricSummary, SummaryStoreOptions } from './summaryStore.ts'
export { Ingest } from './ingest.ts'
export type { IngestCounters, IngestOptions } from './ingest.ts'
export { createOtlpForwarder, OTLP_PACKAGES_MISSING } from './otlp.ts'
export type { OtlpForwarder, OtlpOptions } from './otlp.ts'
