import type { Monitor, Snapshot } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import type { Timeline } from '../../timeline/timeline.ts'
import { Chart, type ChartLine } from '../Chart.tsx'
import { formatBytes, formatNumber } from '../format.ts'

const HEAP_LINES: ChartLine[] = [{ series: 'heapMB', label: 'heap', unit: 'MB', color: '#8b5cf6' }]
const DOM_LINES: ChartLine[] = [{ series: 'domNodes', label: 'nodes', unit: '', color: '#10b981' }]

const selectMemory = (s: Snapshot) => s.memory
const selectOn = (s: Snapshot) => s.filters.memory

/** Memory: heap and DOM nodes now and over time, and the leak signal. */
export function MemoryTab({ monitor, timeline }: { monitor: Monitor; timeline: Timeline }) {
  const { state: memory } = usePerformanceMonitor(selectMemory, { monitor })
  const { state: on } = usePerformanceMonitor(selectOn, { monitor })
  return (
    <>
      {!on ? <p className="ps-empty">Memory monitoring is switched off in Settings.</p> : null}
      <section className="ps-section" aria-label="Memory now">
        <h3>Now</h3>
        <div className="ps-grid">
          <div className="ps-card">
            <div className="ps-card__label">JS heap used</div>
            <div className="ps-card__value">{formatBytes(memory?.usedJSHeapSize)}</div>
            <div className="ps-card__hint">of {formatBytes(memory?.totalJSHeapSize)} allocated</div>
          </div>
          <div className="ps-card">
            <div className="ps-card__label">Heap limit</div>
            <div className="ps-card__value">{formatBytes(memory?.jsHeapSizeLimit)}</div>
            <div className="ps-card__hint">where the browser reports it</div>
          </div>
          <div className="ps-card">
            <div className="ps-card__label">DOM nodes</div>
            <div className="ps-card__value">{formatNumber(memory?.domNodes)}</div>
          </div>
          <div className={`ps-card ps-card--${memory == null ? 'muted' : memory.leakSuspected ? 'bad' : 'good'}`}>
            <div className="ps-card__label">Leak signal</div>
            <div className="ps-card__value">{memory == null ? '—' : memory.leakSuspected ? 'Growing' : 'Stable'}</div>
            <div className="ps-card__hint">heap floor across garbage collections</div>
          </div>
        </div>
      </section>
      <div className="ps-two">
        <Chart timeline={timeline} title="JS heap used" lines={HEAP_LINES} />
        <Chart timeline={timeline} title="DOM nodes" lines={DOM_LINES} />
      </div>
    </>
  )
}
