import { IdleTask } from '../../lib/idleTask.ts'
import { RingBuffer } from '../../lib/ringBuffer.ts'
import type { Source } from '../../kernel/source.ts'
import { markSupport } from '../../kernel/markSupport.ts'
import type { MemoryStats } from '../../types.ts'

/** Heap samples kept for the leak signal. */
export const MEMORY_SAMPLES_KEPT = 120
/** Closed overlay: at most one sample per this many ms, taken when the app does something (no timer). */
export const MEMORY_MIN_INTERVAL_MS = 5_000
/** Open overlay: one sample a second, on animation frames. */
export const MEMORY_WATCHED_INTERVAL_MS = 1_000

/**
 * The leak signal: split the heap samples into `windows` runs and take each run's minimum (the floor the
 * garbage collector gets back to). A floor that rises in every run, by more than `minGrowth` overall, is a leak
 * suspect; a sawtooth that returns to its floor is not.
 */
export function leakSuspected(samples: ArrayLike<number>, windows = 5, minGrowth = 0.1): boolean {
  const n = samples.length
  if (n < windows * 3) return false
  const size = Math.floor(n / windows)
  const floors: number[] = []
  for (let w = 0; w < windows; w++) {
    let floor = Infinity
    for (let i = n - (windows - w) * size; i < n - (windows - w - 1) * size; i++) floor = Math.min(floor, samples[i]!)
    floors.push(floor)
  }
  for (let i = 1; i < floors.length; i++) if (!(floors[i]! > floors[i - 1]!)) return false
  return (floors.at(-1)! - floors[0]!) / floors[0]! > minGrowth
}

interface PerformanceMemory {
  usedJSHeapSize: number
  totalJSHeapSize: number
  jsHeapSizeLimit: number
}

/**
 * JS heap (`performance.memory`, Chromium) and DOM node count, sampled on idle after app activity (clicks, keys,
 * route changes, visibility changes) at most every 5 s, and every second while the overlay is open. No interval.
 */
export const memorySource: Source = {
  name: 'memory',
  metric: 'memory',
  start(context) {
    const heap = new RingBuffer(MEMORY_SAMPLES_KEPT)
    let lastSample = -Infinity
    let pageBytes: number | null = null
    let lastPageMeasure = -Infinity
    /**
     * `measureUserAgentSpecificMemory()` counts the whole page (iframes, workers) but only exists when the page is
     * cross-origin isolated, and may take seconds; ask at most once a minute and publish with the next sample.
     */
    const measureWholePage = (now: number) => {
      const measure = (
        performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> }
      ).measureUserAgentSpecificMemory
      if (!globalThis.crossOriginIsolated || typeof measure !== 'function' || now - lastPageMeasure < 60_000) return
      lastPageMeasure = now
      measure.call(performance).then(
        (result) => (pageBytes = result.bytes),
        (error: unknown) => context.guard.report('memory', error),
      )
    }
    const sample = new IdleTask(
      context.guard.wrap('memory', () => {
        const now = performance.now()
        lastSample = now
        const memory = (performance as Performance & { memory?: PerformanceMemory }).memory
        if (memory) heap.push(memory.usedJSHeapSize)
        measureWholePage(now)
        const stats: MemoryStats = {
          usedJSHeapSize: memory?.usedJSHeapSize ?? null,
          totalJSHeapSize: memory?.totalJSHeapSize ?? null,
          jsHeapSizeLimit: memory?.jsHeapSizeLimit ?? null,
          domNodes: document.getElementsByTagName('*').length,
          leakSuspected: leakSuspected(heap.toArray()),
          pageBytes,
          at: now,
        }
        context.publish({ memory: stats })
        if (stats.usedJSHeapSize !== null) context.emit({ key: 'memory.heap', t: now, v: stats.usedJSHeapSize })
        if (stats.domNodes !== null) context.emit({ key: 'memory.domNodes', t: now, v: stats.domNodes })
      }),
    )
    const onActivity = () => {
      if (performance.now() - lastSample >= MEMORY_MIN_INTERVAL_MS) sample.schedule()
    }
    let frame = 0
    const onFrame = () => {
      frame = 0
      if (!context.watched || document.visibilityState !== 'visible') return
      if (performance.now() - lastSample >= MEMORY_WATCHED_INTERVAL_MS) sample.schedule()
      frame = requestAnimationFrame(onFrame)
    }
    const offWatch = context.onWatchChange((watched) => {
      if (watched && !frame) frame = requestAnimationFrame(onFrame)
    })
    const activity = ['click', 'keydown', 'visibilitychange', 'popstate'] as const
    for (const type of activity) window.addEventListener(type, onActivity, { capture: true, passive: true })
    markSupport(context, 'memory', 'memory' in performance)
    sample.schedule()
    if (context.watched) frame = requestAnimationFrame(onFrame)
    return () => {
      offWatch()
      cancelAnimationFrame(frame)
      for (const type of activity) window.removeEventListener(type, onActivity, { capture: true })
      sample.dispose()
    }
  },
}
