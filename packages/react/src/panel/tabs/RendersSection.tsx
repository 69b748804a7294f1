import { useMemo } from 'react'
import type { Monitor, RenderStats, Snapshot } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import { formatMs, formatNumber } from '../format.ts'
import { TableScroll } from '../TableScroll.tsx'

/** Slowest first: the worst of the mount and update p95, then total time. */
function slowness(r: RenderStats): number {
  return Math.max(r.mount.p95 ?? 0, r.update.p95 ?? 0)
}

const selectRenders = (s: Snapshot) => s.renders

/** What each `<PerfProfiler>` recorded, slowest first. */
export function RendersSection({ monitor }: { monitor: Monitor }) {
  const { state: recorded } = usePerformanceMonitor(selectRenders, { monitor })
  const renders = useMemo(
    () =>
      (Array.isArray(recorded) ? recorded : [])
        .slice()
        .sort((a, b) => slowness(b) - slowness(a) || b.totalMs - a.totalMs),
    [recorded],
  )
  return (
    <section className="ps-section" aria-label="Renders">
      <h3>React renders (slowest first)</h3>
      {renders.length === 0 ? (
        <p className="ps-empty">
          No renders recorded. Wrap a subtree in <code>&lt;PerfProfiler id="…"&gt;</code> to see its render counts and
          durations here.
        </p>
      ) : (
        <TableScroll label="Renders">
          <table className="ps-table" aria-label="Renders">
            <thead>
              <tr>
                <th>Profiler id</th>
                <th className="ps-num">Mounts</th>
                <th className="ps-num">Updates</th>
                <th className="ps-num">Mount p95</th>
                <th className="ps-num">Update p50</th>
                <th className="ps-num">Update p95</th>
                <th className="ps-num">Last</th>
                <th className="ps-num">Total</th>
              </tr>
            </thead>
            <tbody>
              {renders.map((r) => (
                <tr key={r.id}>
                  <td className="ps-key">{r.id}</td>
                  <td className="ps-num">{formatNumber(r.mounts)}</td>
                  <td className="ps-num">{formatNumber(r.updates)}</td>
                  <td className="ps-num">{formatMs(r.mount.p95)}</td>
                  <td className="ps-num">{formatMs(r.update.p50)}</td>
                  <td className="ps-num">{formatMs(r.update.p95)}</td>
                  <td className="ps-num">{formatMs(r.lastMs)}</td>
                  <td className="ps-num">{formatMs(r.totalMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  )
}
