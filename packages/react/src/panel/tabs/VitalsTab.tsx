import type { Monitor, Snapshot, TaskStats } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import type { Timeline } from '../../timeline/timeline.ts'
import { Chart, type ChartLine } from '../Chart.tsx'
import { formatMs, formatNumber } from '../format.ts'
import { TableScroll } from '../TableScroll.tsx'
import { RendersSection } from './RendersSection.tsx'
import { VitalDetails } from './VitalDetails.tsx'

const MAIN_THREAD_LINES: ChartLine[] = [
  { series: 'longTaskMs', label: 'blocked', unit: 'ms', color: '#ef4444' },
  { series: 'fps', label: 'frame rate', unit: 'fps', color: '#10b981', scale: 'fps' },
]

/**
 * Vitals: each vital with its attribution, route timings, long tasks / long animation frames, and React renders.
 * The tab itself reads no live state: each section subscribes to its own slice, so network figures never
 * re-render it.
 */
export function VitalsTab({ monitor, timeline }: { monitor: Monitor; timeline: Timeline }) {
  return (
    <>
      <VitalDetails monitor={monitor} />
      <RoutesSection monitor={monitor} />
      <section className="ps-section" aria-label="Long tasks">
        <h3>Long tasks and long animation frames</h3>
        <TaskCards monitor={monitor} />
        <Chart
          timeline={timeline}
          title="Main thread: time blocked by long tasks, and frame rate (while open)"
          lines={MAIN_THREAD_LINES}
        />
      </section>
      <RendersSection monitor={monitor} />
    </>
  )
}

const selectNavigation = (s: Snapshot) => s.navigation
const selectRoutes = (s: Snapshot) => s.routes

/** The page load's timings and each client-side route with the time to its next paint. */
function RoutesSection({ monitor }: { monitor: Monitor }) {
  const { state: navigation } = usePerformanceMonitor(selectNavigation, { monitor })
  const { state: routes } = usePerformanceMonitor(selectRoutes, { monitor })
  return (
    <section className="ps-section" aria-label="Routes">
      <h3>Routes</h3>
      {navigation ? (
        <p className="ps-muted">
          Page load ({navigation.type}): TTFB {formatMs(navigation.ttfb)} · DOMContentLoaded{' '}
          {formatMs(navigation.domContentLoaded)} · load {formatMs(navigation.load)}
        </p>
      ) : null}
      {routes.length === 0 ? (
        <p className="ps-empty">
          No route changes yet. Each client-side navigation appears here with the time to its next paint.
        </p>
      ) : (
        <TableScroll label="Routes">
          <table className="ps-table" aria-label="Routes">
            <thead>
              <tr>
                <th>Route</th>
                <th className="ps-num">Visits</th>
                <th className="ps-num">p50</th>
                <th className="ps-num">p95</th>
                <th className="ps-num">Max</th>
              </tr>
            </thead>
            <tbody>
              {routes.map((r) => (
                <tr key={r.route}>
                  <td className="ps-key">{r.route}</td>
                  <td className="ps-num">{formatNumber(r.count)}</td>
                  <td className="ps-num">{formatMs(r.duration.p50)}</td>
                  <td className="ps-num">{formatMs(r.duration.p95)}</td>
                  <td className="ps-num">{formatMs(r.duration.max)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  )
}

const selectLongTasks = (s: Snapshot) => s.longTasks
const selectLongAnimationFrames = (s: Snapshot) => s.longAnimationFrames

/** Long tasks and long animation frames: how many, for how long in total, and the p95. */
function TaskCards({ monitor }: { monitor: Monitor }) {
  const { state: longTasks } = usePerformanceMonitor(selectLongTasks, { monitor })
  const { state: longAnimationFrames } = usePerformanceMonitor(selectLongAnimationFrames, { monitor })
  return (
    <div className="ps-grid" style={{ marginBottom: 12 }}>
      <TaskCard label="Long tasks" stats={longTasks} />
      <TaskCard label="Long animation frames" stats={longAnimationFrames} />
    </div>
  )
}

function TaskCard({ label, stats }: { label: string; stats: TaskStats }) {
  return (
    <div className={`ps-card${stats.count > 0 ? ' ps-card--warn' : ''}`}>
      <div className="ps-card__label">{label}</div>
      <div className="ps-card__value">{formatNumber(stats.count)}</div>
      <div className="ps-card__hint">
        {formatMs(stats.totalMs)} total · p95 {formatMs(stats.duration.p95)}
      </div>
    </div>
  )
}
