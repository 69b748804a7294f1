import { renderHtmlReport, type ReportSource } from '@perfscope/core'
import { download } from '../download.ts'

/**
 * Saves one self-contained HTML report (inline charts, no script, no request) of a day or a load run. The report is
 * built on click, from `source()` (which may answer later), so nothing is rendered while nobody asks for it.
 */
export function ExportReportButton({
  source,
  fileName,
  label = 'Export HTML report',
  ariaLabel,
}: {
  source: () => ReportSource | Promise<ReportSource>
  fileName: string
  label?: string
  ariaLabel?: string
}) {
  return (
    <button
      type="button"
      className="ps-button"
      aria-label={ariaLabel}
      onClick={() =>
        void Promise.resolve(source()).then((report) => download(fileName, renderHtmlReport(report), 'text/html'))
      }
    >
      {label}
    </button>
  )
}
