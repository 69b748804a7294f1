import { createElement } from 'react'
import { createRoot } from 'react-dom/client'
import { createMonitor, type Source } from '@perfscope/core'
import { PerfOverlay, retainTimeline, TIMELINE_SERIES } from 'bench:overlay'
import { findAll } from './findInShadow.ts'

/** What the overlay page offers the runner, as `window.benchOverlay`. */
export interface OverlayHarness {
  /** Samples the monitor was given before the overlay opened. */
  seeded: number
  /** Points in the overlay's chart timeline before it opened (an hour at one a second: full). */
  timelinePoints: number
  /** Clicks the "Performance overlay" toggle; resolves with ms until a chart canvas has been painted. */
  open(): Promise<number>
}

declare global {
  interface Window {
    benchOverlay: OverlayHarness
  }
}

const HOUR_S = 3600
const KEYS = ['http.GET /api/users/:id', 'http.GET /api/feed', 'http.POST /api/events', 'longtask', 'vital.INP']
const CHART_TIMEOUT_MS = 10_000

/**
 * An hour of data through the public `Source` contract: one sample a second for each of five metrics, timed over
 * the hour before the page loaded, emitted when the monitor starts (before the overlay opens).
 */
const hourOfData: Source = {
  name: 'bench.hourOfData',
  metric: 'network',
  start(context) {
    const now = performance.now()
    let state = 12345
    for (let s = 0; s < HOUR_S; s++) {
      for (const key of KEYS) {
        state = (state * 1103515245 + 12345) & 0x7fffffff
        context.emit({ key, t: now - (HOUR_S - s) * 1000, v: 20 + (state % 2000) / 10 })
      }
    }
    return () => {}
  },
}

const afterPaint = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => {
      // A message posted from rAF is handled after that frame has been painted.
      const channel = new MessageChannel()
      channel.port1.onmessage = () => resolve()
      channel.port2.postMessage(null)
    }),
  )

function paintedChart(): boolean {
  return findAll('canvas').some((c) => (c as HTMLCanvasElement).width > 0 && (c as HTMLCanvasElement).height > 0)
}

/**
 * The charts draw the overlay's timeline (one point a second, fed by snapshot changes), not raw samples: give it
 * the hour too, through the same public timeline the overlay reads, so the first chart draws 3 600 points.
 */
function fillTimeline(timeline: ReturnType<typeof retainTimeline>['timeline']): void {
  const now = Date.now()
  for (let s = 0; s < HOUR_S; s++) {
    const point = Object.fromEntries(TIMELINE_SERIES.map((name, i) => [name, 10 + ((s * (i + 3)) % 97)]))
    timeline.push({ ...point, at: now - (HOUR_S - s) * 1000 } as Parameters<typeof timeline.push>[0])
  }
}

try {
  const monitor = createMonitor({ sources: [hourOfData] })
  const held = retainTimeline(monitor)
  fillTimeline(held.timeline)
  createRoot(document.getElementById('root')!).render(createElement(PerfOverlay, { monitor }))
  monitor.start()
  window.benchOverlay = {
    seeded: HOUR_S * KEYS.length,
    timelinePoints: held.timeline.length,
    async open() {
      const toggle = findAll('button').find(
        (b) =>
          b.getAttribute('aria-label') === 'Performance overlay' || b.textContent?.trim() === 'Performance overlay',
      ) as HTMLButtonElement | undefined
      if (!toggle) throw new Error('no button named "Performance overlay" in the page or its shadow roots')
      const start = performance.now()
      toggle.click()
      while (!paintedChart()) {
        if (performance.now() - start > CHART_TIMEOUT_MS) {
          throw new Error(`no chart canvas within ${CHART_TIMEOUT_MS / 1000} s of opening the overlay`)
        }
        await new Promise((r) => requestAnimationFrame(r))
      }
      await afterPaint()
      return performance.now() - start
    },
  }
  // Let React commit the closed overlay before the runner opens it.
  requestAnimationFrame(() => setTimeout(() => (window.benchReady = true), 0))
} catch (error) {
  window.benchFailed = `the overlay page failed to set up: ${error instanceof Error ? error.message : String(error)}`
}
