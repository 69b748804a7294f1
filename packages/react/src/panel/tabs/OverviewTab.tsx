import type { Monitor, Snapshot, VitalName } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import type { Timeline } from '../../timeline/timeline.ts'
import { Chart, type ChartLine } from '../Chart.tsx'
import { VitalCard } from './VitalCard.tsx'
import { AlertsSection } from './AlertsSection.tsx'
import { CostCards } from './CostCards.tsx'
import { ApiHealthCard, FrameRateCard, HeapCard, LongTasksCard, OverheadCard } from './HealthCards.tsx'

export const VITAL_ORDER: readonly VitalName[] = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB']

const REQUEST_LINES: ChartLine[] = [
  { series: 'rps', label: 'requests', unit: '/s', color: '#3b82f6' },
  { series: 'p95', label: 'slowest p95', unit: 'ms', color: '#f59e0b', scale: 'ms' },
]

/**
 * Overview: vitals by rating, API health, FPS, memory, cost and quotas, alerts and what monitoring costs.
 * The tab itself reads no live state: each part below subscribes to its own slice and re-renders alone.
 */
export function OverviewTab({ monitor, timeline }: { monitor: Monitor; timeline: Timeline }) {
  return (
    <>
      <OverviewVitals monitor={monitor} />
      <section className="ps-section" aria-label="Health">
        <h3>Health</h3>
        <div className="ps-grid">
          <ApiHealthCard monitor={monitor} />
          <FrameRateCard monitor={monitor} />
          <HeapCard monitor={monitor} />
          <LongTasksCard monitor={monitor} />
          <OverheadCard monitor={monitor} />
          <CostCards monitor={monitor} />
        </div>
      </section>
      <Chart timeline={timeline} title="Requests and latency" lines={REQUEST_LINES} />
      <AlertsSection monitor={monitor} />
    </>
  )
}

const selectVitals = (s: Snapshot) => s.vitals
const selectVitalsOn = (s: Snapshot) => s.filters.vitals

/** One card per Web Vital, coloured by its rating. */
function OverviewVitals({ monitor }: { monitor: Monitor }) {
  const { state: vitals } = usePerformanceMonitor(selectVitals, { monitor })
  const { state: enabled } = usePerformanceMonitor(selectVitalsOn, { monitor })
  return (
    <section className="ps-section" aria-label="Web Vitals">
      <h3>Web Vitals</h3>
      <div className="ps-grid">
        {VITAL_ORDER.map((name) => (
          <VitalCard key={name} name={name} vital={vitals[name]} enabled={enabled} />
        ))}
      </div>
    </section>
  )
}
