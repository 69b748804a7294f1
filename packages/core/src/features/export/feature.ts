import type { Feature } from '../../kernel/feature.ts'
import type { ExportFormat, ExportOptions } from './formats.ts'
import { buildReport, type PerfReport } from './report.ts'
import { RequestLog } from './requestLog.ts'

/** Reports and exports of what a monitor knows. */
export interface ExportApi {
  /** Everything the monitor knows as a versioned JSON report (what `perfscope check` reads). */
  report(): PerfReport
  /**
   * The report as JSON, CSV (one row per summary), HAR 1.2 (the network log) or OTLP/JSON metrics; gzip bytes when
   * `compress` is set. URLs are the redacted ones the interceptors kept, or route patterns. The writers load on
   * first use; rejects with a TypeError for an unknown format.
   */
  export(format: ExportFormat, options?: ExportOptions): Promise<string | Uint8Array>
}

export const exportFeature: Feature<void, ExportApi> = {
  name: 'export',
  collects: false,
  resolveOptions: () => undefined,
  slice: {},
  create(kernel) {
    const requestLog = new RequestLog(typeof performance === 'undefined' ? Date.now() : performance.timeOrigin)
    kernel.onSample((sample) => requestLog.add(sample))
    const report = () => buildReport(kernel.snapshot(), requestLog.list())
    return {
      sources: [],
      api: {
        report,
        export: async (format, options) => (await import('./exportReport.ts')).exportReport(report(), format, options),
      },
    }
  },
}
