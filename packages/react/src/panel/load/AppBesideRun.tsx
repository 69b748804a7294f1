import type { Monitor, Snapshot } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import { formatBytes, formatMs, formatNumber } from '../format.ts'

const selectEndpoints = (s: Snapshot) => s.endpoints
const selectMemory = (s: Snapshot) => s.memory
const selectLongTasks = (s: Snapshot) => s.longTasks
/** Endpoints shown: the app's busiest; more would push the run's own figures off screen. */
const SHOWN_ENDPOINTS = 5

/**
 * The app's own figures beside a live run, so a run that starves the app's own connections shows: its endpoints' p95 over the last minute (load traffic is
 * already kept out of them), the JS heap and the long tasks since the run started (`tasksAtStart`: the totals
 * then, kept by the Load tab so they survive closing the panel).
 */
export function AppBesideRun({
  monitor,
  tasksAtStart,
}: {
  monitor: Monitor
  tasksAtStart: { count: number; totalMs: number }
}) {
  const { state: endpoints } = usePerformanceMonitor(selectEndpoints, { monitor })
  const { state: memory } = usePerformanceMonitor(selectMemory, { monitor })
  const { state: longTasks } = usePerformanceMonitor(selectLongTasks, { monitor })
  const busiest = endpoints
    .filter((e) => (e.latencyLastMinute?.count ?? 0) > 0)
    .sort((a, b) => b.latencyLastMinute!.count - a.latencyLastMinute!.count)
    .slice(0, SHOWN_ENDPOINTS)
  return (
    <section className="ps-section" aria-label="The app beside the run">
      <h3>The app meanwhile</h3>
      <div className="ps-grid">
        <div className="ps-card">
          <div className="ps-card__label">JS heap</div>
          <div className="ps-card__value">{formatBytes(memory?.usedJSHeapSize)}</div>
        </div>
        <div className="ps-card">
          <div className="ps-card__label">Long tasks since start</div>
          <div className="ps-card__value">
            {formatNumber(longTasks.count - tasksAtStart.count)} ({formatMs(longTasks.totalMs - tasksAtStart.totalMs)})
          </div>
        </div>
      </div>
      {busiest.length === 0 ? (
        <p className="ps-muted">The app has made no request in the last minute.</p>
      ) : (
        <table className="ps-table">
          <caption className="ps-muted">The app's own requests, last minute (load traffic excluded)</caption>
          <thead>
            <tr>
              <th>Endpoint</th>
              <th className="ps-num">Count</th>
              <th className="ps-num">p95</th>
            </tr>
          </thead>
          <tbody>
            {busiest.map((e) => (
              <tr key={e.key}>
                <td className="ps-key">{e.key}</td>
                <td className="ps-num">{formatNumber(e.latencyLastMinute!.count)}</td>
                <td className="ps-num">{formatMs(e.latencyLastMinute!.p95)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
