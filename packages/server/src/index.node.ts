import { bindRuntime } from './api.ts'
import { FileStore } from './fileStore/fileStore.ts'
import { createPrometheusMetrics } from './prometheus.ts'
import { SummaryStore as FetchSummaryStore, type SummaryStoreOptions } from './summaryStore.ts'

/*
 * The Node entry (export condition `node`: Node, Bun, Deno): everything the Fetch-API entry has, plus
 * Prometheus (`prom-client` is loaded with Node's `require`) and the file store behind `store.dir`.
 */
export * from './index.ts'
export const { createPerfscope, withPerfscope, perfscopeMiddleware } = bindRuntime({
  createPrometheus: createPrometheusMetrics,
  openFileStore: FileStore.open,
})
export { DURATION_BUCKETS_MS } from './prometheus.ts'

/** The summary store, able to keep its days in files under `dir` (see {@link SummaryStoreOptions}). */
export class SummaryStore extends FetchSummaryStore {
  constructor(options: SummaryStoreOptions = {}) {
    super(options, FileStore.open)
  }
}
