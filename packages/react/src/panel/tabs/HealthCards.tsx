import type { Monitor, Snapshot } from '@perfscope/core'
import { usePerformanceMonitor } from '../../usePerformanceMonitor.ts'
import { shallowEqual } from '../equality.ts'
import { formatBytes, formatMs, formatNumber, formatPercent } from '../format.ts'

/*
 * The Overview's health cards. Each subscribes to the few figures it shows, so a network publish re-renders the
 * endpoint card (and the overhead card, whose figures every publish moves) but not the frame rate or the heap.
 */

/** What the endpoint card shows, as a flat record so an unchanged summary compares equal. */
function apiSummary(s: Snapshot) {
  let count = 0
  let errors = 0
  let healthy = 0
  let degraded = 0
  let failing = 0
  for (const e of s.endpoints) {
    count += e.count
    errors += e.errors
    if (e.health === 'healthy') healthy++
    else if (e.health === 'degraded') degraded++
    else if (e.health === 'failing') failing++
  }
  return { endpoints: s.endpoints.length, count, errorRate: count ? errors / count : null, healthy, degraded, failing }
}

/** How many endpoints are healthy, with the request count and error rate across all of them. */
export function ApiHealthCard({ monitor }: { monitor: Monitor }) {
  const { state: api } = usePerformanceMonitor(apiSummary, { monitor, equals: shallowEqual })
  const tone = api.failing > 0 ? 'bad' : api.degraded > 0 ? 'warn' : api.endpoints > 0 ? 'good' : null
  return (
    <div className={`ps-card${tone ? ` ps-card--${tone}` : ''}`}>
      <div className="ps-card__label">API endpoints healthy</div>
      <div className="ps-card__value">{api.endpoints === 0 ? '—' : `${api.healthy} / ${api.endpoints}`}</div>
      <div className="ps-card__hint">
        {formatNumber(api.count)} requests · {formatPercent(api.errorRate)} errors
      </div>
    </div>
  )
}

/** Below 50 fps animations visibly stutter; below 30 they are janky (the 60 Hz frame budget halved). */
const FPS_THRESHOLDS = [50, 30] as const

function fpsTone(fps: number | null): 'good' | 'warn' | 'bad' | 'muted' {
  if (fps == null) return 'muted'
  return fps >= FPS_THRESHOLDS[0] ? 'good' : fps >= FPS_THRESHOLDS[1] ? 'warn' : 'bad'
}

const selectFrames = (s: Snapshot) => s.frames

/** The frame rate measured while the panel is open, and the frames dropped. */
export function FrameRateCard({ monitor }: { monitor: Monitor }) {
  const { state: frames } = usePerformanceMonitor(selectFrames, { monitor })
  return (
    <div className={`ps-card ps-card--${fpsTone(frames?.fps ?? null)}`}>
      <div className="ps-card__label">Frame rate</div>
      <div className="ps-card__value">{frames ? `${formatNumber(frames.fps)} fps` : '—'}</div>
      <div className="ps-card__hint">
        {frames ? `${formatNumber(frames.droppedFrames)} dropped` : 'measured while open'}
      </div>
    </div>
  )
}

const selectHeap = (s: Snapshot) => ({
  used: s.memory?.usedJSHeapSize,
  domNodes: s.memory?.domNodes,
  leak: s.memory?.leakSuspected === true,
})

/** The JS heap in use, the DOM node count and whether the heap looks like it leaks. */
export function HeapCard({ monitor }: { monitor: Monitor }) {
  const { state: heap } = usePerformanceMonitor(selectHeap, { monitor, equals: shallowEqual })
  return (
    <div className={`ps-card${heap.leak ? ' ps-card--bad' : ''}`}>
      <div className="ps-card__label">JS heap</div>
      <div className="ps-card__value">{formatBytes(heap.used)}</div>
      <div className="ps-card__hint">
        {heap.domNodes != null ? `${formatNumber(heap.domNodes)} DOM nodes` : 'not reported'}
      </div>
    </div>
  )
}

const selectLongTasks = (s: Snapshot) => s.longTasks

/** How many long tasks blocked the main thread, and for how long. */
export function LongTasksCard({ monitor }: { monitor: Monitor }) {
  const { state: longTasks } = usePerformanceMonitor(selectLongTasks, { monitor })
  return (
    <div className={`ps-card${longTasks.count > 0 ? ' ps-card--warn' : ''}`}>
      <div className="ps-card__label">Long tasks</div>
      <div className="ps-card__value">{formatNumber(longTasks.count)}</div>
      <div className="ps-card__hint">{formatMs(longTasks.totalMs)} blocked</div>
    </div>
  )
}

const selectOverhead = (s: Snapshot) => s.overhead

/** What monitoring itself costs: perfscope's own main-thread time and calls. */
export function OverheadCard({ monitor }: { monitor: Monitor }) {
  const { state: overhead } = usePerformanceMonitor(selectOverhead, { monitor })
  return (
    <div className="ps-card">
      <div className="ps-card__label">Monitoring overhead</div>
      <div className="ps-card__value">{formatMs(overhead.totalMs)}</div>
      <div className="ps-card__hint">{formatNumber(overhead.calls)} calls</div>
    </div>
  )
}
