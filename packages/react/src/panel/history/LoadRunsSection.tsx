import { useEffect, useState } from 'react'
import type { LoadRunResult, Monitor, Regression, Snapshot } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import { formatMs, formatNumber, formatPercent } from '../format.ts'
import { ExportReportButton } from './ExportReportButton.tsx'
import { RegressionList } from './RegressionList.tsx'

const selectHistory = (s: Snapshot) => s.history

/** The History tab's stored load runs (newest first), one pinnable as the load baseline, and the latest compared with it. */
export function LoadRunsSection({ monitor }: { monitor: Monitor }) {
  const { state: status } = usePerformanceMonitor(selectHistory, { monitor })
  const [runs, setRuns] = useState<LoadRunResult[]>([])
  const [regressions, setRegressions] = useState<Regression[]>([])
  const storedRuns = status?.runs ?? 0
  const baselineRun = status?.baselineRun ?? null

  useEffect(() => {
    let live = true
    void Promise.all([monitor.history.runs(), monitor.history.compareRun()]).then(([stored, compared]) => {
      if (!live) return
      setRuns(stored.reverse())
      setRegressions(compared)
    })
    return () => {
      live = false
    }
  }, [monitor, storedRuns, baselineRun])

  return (
    <section className="ps-section" aria-label="Load runs">
      <h3>Load runs ({runs.length})</h3>
      {runs.length === 0 ? (
        <p className="ps-empty">
          No load run stored yet: each finished run of the Load tab is kept here
          {status ? ` (the last ${status.retention.runs})` : ''}.
        </p>
      ) : (
        <table className="ps-table">
          <thead>
            <tr>
              <th>Run</th>
              <th>Started</th>
              <th className="ps-num">Requests</th>
              <th className="ps-num">p95</th>
              <th className="ps-num">Errors</th>
              <th>Baseline</th>
              <th>Report</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.runId}>
                <td className="ps-key">
                  {r.scenario} · {r.status}
                </td>
                <td>{new Date(r.startedAt).toLocaleString()}</td>
                <td className="ps-num">{formatNumber(r.requests)}</td>
                <td className="ps-num">{formatMs(r.latency.p95)}</td>
                <td className="ps-num">{formatPercent(r.errorRate)}</td>
                <td>
                  {r.runId === baselineRun ? (
                    <span className="ps-badge ps-badge--good">baseline</span>
                  ) : (
                    <button
                      type="button"
                      className="ps-button"
                      aria-label={`Pin run ${r.runId} as baseline`}
                      onClick={() => void monitor.history.pinRun(r.runId)}
                    >
                      Pin as baseline
                    </button>
                  )}
                </td>
                <td>
                  <ExportReportButton
                    source={() => ({ kind: 'run', run: r })}
                    fileName={`perfscope-run-${r.runId}.html`}
                    label="HTML"
                    ariaLabel={`Export run ${r.runId} as an HTML report`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {baselineRun && regressions.length > 0 ? (
        <RegressionList regressions={regressions} label="Load run regressions" />
      ) : null}
    </section>
  )
}
