import { gzipSync, strToU8 } from 'fflate'
import { toCsv } from './csv.ts'
import { toHar } from './har.ts'
import { toOtlp } from './otlp.ts'
import type { PerfReport } from './report.ts'
import { EXPORT_FORMATS, type ExportFormat, type ExportOptions } from './formats.ts'

/** Version written into HAR's creator and OTLP's scope. */
export const PERFSCOPE_VERSION = '0.1.0'

/** The report in one format: text, or gzip bytes when `compress` is set. Throws a TypeError for an unknown format. */
export function exportReport(
  report: PerfReport,
  format: ExportFormat,
  options: ExportOptions = {},
): string | Uint8Array {
  let text: string
  switch (format) {
    case 'json':
      text = JSON.stringify(report, null, 2)
      break
    case 'csv':
      text = toCsv(report)
      break
    case 'har':
      text = JSON.stringify(toHar(report, PERFSCOPE_VERSION), null, 2)
      break
    case 'otlp':
      text = JSON.stringify(toOtlp(report, PERFSCOPE_VERSION))
      break
    default:
      throw new TypeError(
        `perfscope: export format must be one of ${EXPORT_FORMATS.join(', ')}, got ${JSON.stringify(format)}`,
      )
  }
  return options.compress ? gzipSync(strToU8(text)) : text
}
