import { RingBuffer, type Monitor, type Snapshot } from '@perfscope/core'

/** One hour at one point per second: what the overlay's live charts can show. */
export const TIMELINE_CAPACITY = 3600
/** At most one point per this many ms, however often the snapshot changes. */
export const TIMELINE_STEP_MS = 1000

/** The series a timeline keeps; every value is a number or `NaN` where unknown. */
export const TIMELINE_SERIES = ['rps', 'p95', 'errors', 'heapMB', 'domNodes', 'fps', 'longTaskMs'] as const
export type TimelineSeries = (typeof TIMELINE_SERIES)[number]

/** One point of the timeline; `at` is `Date.now()` ms. */
export type TimelinePoint = { at: number } & Record<TimelineSeries, number>

/**
 * Bounded ring buffers of what the overlay charts, filled from snapshot changes (never from a timer: when nothing
 * happens, nothing is recorded). Memory is fixed at creation whatever the page's lifetime.
 */
export class Timeline {
  private readonly at = new RingBuffer(TIMELINE_CAPACITY)
  private readonly series = new Map<TimelineSeries, RingBuffer>(
    TIMELINE_SERIES.map((name) => [name, new RingBuffer(TIMELINE_CAPACITY)]),
  )
  /** Bumped on every push, so a chart redraws only when there is something new. */
  version = 0
  private readonly listeners = new Set<() => void>()

  /** Calls `listener` after each push; returns the unsubscribe function. */
  onPush(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** How many points are held. */
  get length(): number {
    return this.at.length
  }

  push(point: TimelinePoint): void {
    this.at.push(point.at)
    for (const [name, ring] of this.series) ring.push(point[name])
    this.version++
    for (const listener of this.listeners) listener()
  }

  /** Columns for a uPlot chart: time in seconds, then the named series, `null` where unknown. */
  columns(names: readonly TimelineSeries[]): [number[], ...(number | null)[][]] {
    const t = Array.from(this.at.toArray(), (ms) => ms / 1000)
    const rest = names.map((name) => Array.from(this.series.get(name)!.toArray(), (v) => (Number.isNaN(v) ? null : v)))
    return [t, ...rest]
  }

  /** The newest value of a series, or null. */
  latest(name: TimelineSeries): number | null {
    const ring = this.series.get(name)!
    if (ring.length === 0) return null
    const v = ring.get(ring.length - 1)
    return Number.isNaN(v) ? null : v
  }
}

const timelines = new WeakMap<Monitor, { timeline: Timeline; holders: number; unsubscribe: () => void }>()

function sums(s: Snapshot): { count: number; errors: number } {
  let count = 0
  let errors = 0
  for (const e of s.endpoints) {
    count += e.count
    errors += e.errors
  }
  return { count, errors }
}

/** The worst endpoint p95, over the last minute where the network source keeps it (else the session's). */
function slowestP95(s: Snapshot): number {
  let max = Number.NaN
  for (const e of s.endpoints) {
    const recent = (e as { latencyLastMinute?: { p95: number | null } }).latencyLastMinute
    const p = recent ? recent.p95 : e.latency?.p95
    if (typeof p === 'number' && !(p <= max)) max = p
  }
  return max
}

/**
 * The timeline of `monitor`, recording while at least one holder keeps it (the overlay, open or closed).
 * Returns the timeline and the release function; the last release stops recording.
 */
export function retainTimeline(monitor: Monitor): { timeline: Timeline; release: () => void } {
  let entry = timelines.get(monitor)
  if (!entry) {
    const timeline = new Timeline()
    let last = { at: 0, count: 0, errors: 0, longTaskMs: 0 }
    const record = (s: Snapshot) => {
      const at = Date.now()
      if (at - last.at < TIMELINE_STEP_MS) return
      const { count, errors } = sums(s)
      const longTaskMs = s.longTasks?.totalMs ?? 0
      const dt = last.at === 0 ? 1 : (at - last.at) / 1000
      timeline.push({
        at,
        rps: last.at === 0 ? 0 : Math.max(0, count - last.count) / dt,
        p95: slowestP95(s),
        errors: last.at === 0 ? 0 : Math.max(0, errors - last.errors) / dt,
        heapMB: s.memory?.usedJSHeapSize != null ? s.memory.usedJSHeapSize / 1048576 : Number.NaN,
        domNodes: s.memory?.domNodes ?? Number.NaN,
        fps: s.frames?.fps ?? Number.NaN,
        longTaskMs: last.at === 0 ? 0 : Math.max(0, longTaskMs - last.longTaskMs),
      })
      last = { at, count, errors, longTaskMs }
    }
    entry = { timeline, holders: 0, unsubscribe: monitor.subscribe((s) => record(s)) }
    timelines.set(monitor, entry)
  }
  entry.holders++
  const held = entry
  let released = false
  return {
    timeline: held.timeline,
    release() {
      if (released) return
      released = true
      if (--held.holders === 0) {
        held.unsubscribe()
        timelines.delete(monitor)
      }
    },
  }
}
