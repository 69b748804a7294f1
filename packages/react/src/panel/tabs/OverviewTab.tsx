import type { Monitor, Snapshot, VitalName } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import type { Timeline } from '../../timeline/timeline.ts'
import { Chart } from '../Chart.tsx'
import { formatBytes, formatMs, formatNumber, formatPercent } from '../format.ts'
import { VitalCard } from './VitalCard.tsx'
import { AlertsSection } from './AlertsSection.tsx'
import { CostCards } from './CostCards.tsx'

export const VITAL_ORDER: readonly VitalName[] = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB']

const all = (s: Snapshot) => s

function apiSummary(s: Snapshot) {
  let count = 0
  let errors = 0
  const health = { healthy: 0, degraded: 0, failing: 0 }
  for (const e of s.endpoints) {
    count += e.count
    errors += e.errors
    if (e.health in health) health[e.health]++
  }
  return { endpoints: s.endpoints.length, count, errorRate: count ? errors / count : null, health }
}

/** Overview: vitals by rating, API health, FPS, memory, cost and quotas, alerts and what monitoring costs. */
export function OverviewTab({ monitor, timeline }: { monitor: Monitor; timeline: Timeline }) {
  const { state: s } = usePerformanceMonitor(all, { monitor })
  const api = apiSummary(s)
  const apiTone = api.health.failing > 0 ? 'bad' : api.health.degraded > 0 ? 'warn' : api.endpoints > 0 ? 'good' : null
  return (
    <>
      <section className="ps-section" aria-label="Web Vitals">
        <h3>Web Vitals</h3>
        <div className="ps-grid">
          {VITAL_ORDER.map((name) => (
            <VitalCard key={name} name={name} vital={s.vitals[name]} enabled={s.filters.vitals} />
          ))}
        </div>
      </section>
      <section className="ps-section" aria-label="Health">
        <h3>Health</h3>
        <div className="ps-grid">
          <div className={`ps-card${apiTone ? ` ps-card--${apiTone}` : ''}`}>
            <div className="ps-card__label">API endpoints healthy</div>
            <div className="ps-card__value">{api.endpoints === 0 ? '—' : `${api.health.healthy} / ${api.endpoints}`}</div>
            <div className="ps-card__hint">
              {formatNumber(api.count)} requests · {formatPercent(api.errorRate)} errors
            </div>
          </div>
          <div className={`ps-card ps-card--${fpsTone(s.frames?.fps ?? null)}`}>
            <div className="ps-card__label">Frame rate</div>
            <div className="ps-card__value">{s.frames ? `${formatNumber(s.frames.fps)} fps` : '—'}</div>
            <div className="ps-card__hint">{s.frames ? `${formatNumber(s.frames.droppedFrames)} dropped` : 'measured while open'}</div>
          </div>
          <div className={`ps-card${s.memory?.leakSuspected ? ' ps-card--bad' : ''}`}>
            <div className="ps-card__label">JS heap</div>
            <div className="ps-card__value">{formatBytes(s.memory?.usedJSHeapSize)}</div>
            <div className="ps-card__hint">{s.memory?.domNodes != null ? `${formatNumber(s.memory.domNodes)} DOM nodes` : 'not reported'}</div>
          </div>
          <div className={`ps-card${s.longTasks.count > 0 ? ' ps-card--warn' : ''}`}>
            <div className="ps-card__label">Long tasks</div>
            <div className="ps-card__value">{formatNumber(s.longTasks.count)}</div>
            <div className="ps-card__hint">{formatMs(s.longTasks.totalMs)} blocked</div>
          </div>
          <div className="ps-card">
            <div className="ps-card__label">Monitoring overhead</div>
            <div className="ps-card__value">{formatMs(s.overhead.totalMs)}</div>
            <div className="ps-card__hint">{formatNumber(s.overhead.calls)} calls</div>
          </div>
          <CostCards monitor={monitor} />
        </div>
      </section>
      <Chart
        timeline={timeline}
        title="Requests and latency"
        lines={[
          { series: 'rps', label: 'requests', unit: '/s', color: '#3b82f6' },
          { series: 'p95', label: 'slowest p95', unit: 'ms', color: '#f59e0b', scale: 'ms' },
        ]}
      />
      <AlertsSection monitor={monitor} />
    </>
  )
}

/** Below 50 fps animations visibly stutter; below 30 they are janky (the 60 Hz frame budget halved). */
const FPS_THRESHOLDS = [50, 30] as const

function fpsTone(fps: number | null): 'good' | 'warn' | 'bad' | 'muted' {
  if (fps == null) return 'muted'
  return fps >= FPS_THRESHOLDS[0] ? 'good' : fps >= FPS_THRESHOLDS[1] ? 'warn' : 'bad'
}
