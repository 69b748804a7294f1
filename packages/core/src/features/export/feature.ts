import type { Feature } from '../../kernel/feature.ts'
import type { ExportFormat, ExportOptions } from './formats.ts'
import type { PerfReport, ReportInput, ReportState } from './report.ts'
import type { RequestLog } from './requestLog.ts'
import { lazySource } from '../../kernel/lazySource.ts'
import { loadIdleCode } from '../loadIdleCode.ts'

/** Reports and exports of what a monitor knows. */
export interface ExportApi {
  /**
   * Everything the monitor knows now as a versioned JSON report (what `perfscope check` reads). The state is
   * read when called; the report's code loads on first use.
   */
  report(): Promise<PerfReport>
  /**
   * The report as JSON, CSV (one row per summary), HAR 1.2 (the network log) or OTLP/JSON metrics; gzip bytes when
   * `compress` is set. URLs are the redacted ones the interceptors kept, or route patterns. The writers load on
   * first use; rejects with a TypeError for an unknown format.
   */
  export(format: ExportFormat, options?: ExportOptions): Promise<string | Uint8Array>
}

/** The export feature's API for other features: the public one, and the report's input. */
export interface ExportFeatureApi extends ExportApi, ReportInput {}

export const exportFeature: Feature<void, ExportFeatureApi> = {
  name: 'export',
  collects: false,
  resolveOptions: () => undefined,
  slice: {},
  create(kernel) {
    // The network log behind HAR fills from the samples, which the (late) network collector emits: it loads at the
    // first idle moment too, with the samples emitted before it replayed, and lives as long as the monitor.
    let requestLog: RequestLog | null = null
    const logSource = lazySource('export', null, () =>
      loadIdleCode().then((m) => {
        requestLog ??= new m.RequestLog(performance.timeOrigin)
        const log = requestLog
        return { name: 'export', metric: null, start: (context) => context.onSamples((samples) => log.add(samples)) }
      }),
    )
    const reportState = (): ReportState => ({ snapshot: kernel.snapshot(), requests: requestLog?.list() ?? [] })
    const report = async () => {
      await kernel.collect()
      const { snapshot, requests } = reportState()
      // The report's code is part of the idle chunk already (history builds reports too).
      return (await loadIdleCode()).buildReport(snapshot, requests)
    }
    return {
      sources: [logSource],
      api: {
        collect: () => kernel.collect(),
        loading: () => kernel.loading,
        reportState,
        report,
        export: async (format, options) => {
          const built = await report()
          return (await import('./exportReport.ts')).exportReport(built, format, options)
        },
      },
    }
  },
}
