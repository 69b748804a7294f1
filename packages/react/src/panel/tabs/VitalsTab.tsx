import type { Monitor, RenderStats, Snapshot, TaskStats, VitalName } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import type { Timeline } from '../../timeline/timeline.ts'
import { Chart } from '../Chart.tsx'
import { formatMs, formatNumber, shortText, toneOfRating } from '../format.ts'
import { formatVital } from './VitalCard.tsx'
import { TableScroll } from '../TableScroll.tsx'

const VITALS: readonly VitalName[] = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB']

/** The attribution fields worth a first look, per vital, in the order shown (the rest follow, bounded). */
const KEY_ATTRIBUTION: Record<VitalName, string[]> = {
  LCP: ['target', 'element', 'url', 'timeToFirstByte', 'resourceLoadDelay', 'resourceLoadDuration', 'elementRenderDelay'],
  INP: ['interactionTarget', 'interactionType', 'inputDelay', 'processingDuration', 'presentationDelay', 'loadState'],
  CLS: ['largestShiftTarget', 'largestShiftValue', 'loadState'],
  FCP: ['timeToFirstByte', 'firstByteToFCP', 'loadState'],
  TTFB: ['waitingDuration', 'dnsDuration', 'connectionDuration', 'requestDuration'],
}
const MAX_ATTRIBUTION_ROWS = 8

function attributionRows(name: VitalName, attribution: Record<string, unknown>): [string, string][] {
  const keys = [...KEY_ATTRIBUTION[name], ...Object.keys(attribution)]
  const rows: [string, string][] = []
  for (const key of new Set(keys)) {
    const value = attribution[key]
    if (value == null || typeof value === 'object' || typeof value === 'function') continue
    rows.push([key, typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(1)) : shortText(value, 90)])
    if (rows.length >= MAX_ATTRIBUTION_ROWS) break
  }
  return rows
}

/** Slowest first: the worst of the mount and update p95, then total time. */
function slowness(r: RenderStats): number {
  return Math.max(r.mount.p95 ?? 0, r.update.p95 ?? 0)
}

const all = (s: Snapshot) => s

/** Vitals: each vital with its attribution, route timings, long tasks / long animation frames, and React renders. */
export function VitalsTab({ monitor, timeline }: { monitor: Monitor; timeline: Timeline }) {
  const { state: s } = usePerformanceMonitor(all, { monitor })
  const renders = (Array.isArray(s.renders) ? s.renders : []).slice().sort((a, b) => slowness(b) - slowness(a) || b.totalMs - a.totalMs)
  return (
    <>
      <section className="ps-section" aria-label="Web Vitals details">
        <h3>Web Vitals</h3>
        {!s.filters.vitals ? <p className="ps-empty">Web Vitals are switched off in Settings.</p> : null}
        <div className="ps-two">
          {VITALS.map((name) => {
            const vital = s.vitals[name]
            const rows = vital ? attributionRows(name, vital.attribution ?? {}) : []
            return (
              <div key={name} className={`ps-card ps-card--${toneOfRating(vital?.rating)}`}>
                <div className="ps-card__label">
                  {name} {vital ? <span className={`ps-badge ps-badge--${toneOfRating(vital.rating)}`}>{vital.rating}</span> : null}
                </div>
                <div className="ps-card__value">{formatVital(name, vital?.value)}</div>
                {rows.length ? (
                  <dl className="ps-kv">
                    {rows.map(([k, v]) => (
                      <div key={k} style={{ display: 'contents' }}>
                        <dt>{k}</dt>
                        <dd title={v}>{v}</dd>
                      </div>
                    ))}
                  </dl>
                ) : (
                  <div className="ps-card__hint">{vital ? 'no attribution' : 'not measured yet'}</div>
                )}
              </div>
            )
          })}
        </div>
      </section>
      <section className="ps-section" aria-label="Routes">
        <h3>Routes</h3>
        {s.navigation ? (
          <p className="ps-muted">
            Page load ({s.navigation.type}): TTFB {formatMs(s.navigation.ttfb)} · DOMContentLoaded {formatMs(s.navigation.domContentLoaded)} · load{' '}
            {formatMs(s.navigation.load)}
          </p>
        ) : null}
        {s.routes.length === 0 ? (
          <p className="ps-empty">No route changes yet. Each client-side navigation appears here with the time to its next paint.</p>
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
                {s.routes.map((r) => (
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
      <section className="ps-section" aria-label="Long tasks">
        <h3>Long tasks and long animation frames</h3>
        <div className="ps-grid" style={{ marginBottom: 12 }}>
          <TaskCard label="Long tasks" stats={s.longTasks} />
          <TaskCard label="Long animation frames" stats={s.longAnimationFrames} />
        </div>
        <Chart
          timeline={timeline}
          title="Main thread: time blocked by long tasks, and frame rate (while open)"
          lines={[
            { series: 'longTaskMs', label: 'blocked', unit: 'ms', color: '#ef4444' },
            { series: 'fps', label: 'frame rate', unit: 'fps', color: '#10b981', scale: 'fps' },
          ]}
        />
      </section>
      <section className="ps-section" aria-label="Renders">
        <h3>React renders (slowest first)</h3>
        {renders.length === 0 ? (
          <p className="ps-empty">
            No renders recorded. Wrap a subtree in <code>&lt;PerfProfiler id="…"&gt;</code> to see its render counts and durations here.
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
    </>
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
