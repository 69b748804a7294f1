import type { Monitor } from '@perfscope/core'

/**
 * The History tab. Stored history (IndexedDB, detail for 30 days, daily summaries for 6 months) arrives with its
 * own change, which replaces this file and keeps its name and props.
 */
export function HistoryTab(_props: { monitor: Monitor }) {
  return (
    <section className="ps-section" aria-label="History">
      <h3>History</h3>
      <p className="ps-empty">
        Not available in this build yet. This tab will show earlier sessions kept in the browser (detail for 30 days,
        daily summaries for six months): trends of Web Vitals and endpoint latency across days, comparisons between
        sessions, and export to JSON, CSV or HAR.
      </p>
    </section>
  )
}
