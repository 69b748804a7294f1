import { namedPage } from '../lib/pages.ts'
import { figure, reasonOf, unavailable, type Measurement } from '../measurement.ts'
import { summarize } from '../stats.ts'

const FULL = { runs: 5 }
const QUICK = { runs: 2 }

const MEASUREMENT = 'overlay: open to first painted chart, 1 h of data'
const UNIT = 'ms'

/** The overlay page: `<PerfOverlay/>` from `@perfscope/react/production`, a monitor seeded with an hour of data. */
const OVERLAY_PAGE = namedPage('overlay', 'overlayPage.ts', { 'bench:overlay': '@perfscope/react/production' })

/**
 * Time from clicking the overlay's toggle to its first painted chart, with an hour of data in the monitor,
 * in a production build (the panel chunk loads lazily on that click).
 */
export const overlayOpen: Measurement = {
  id: 'overlay',
  title: 'Overlay open to first chart (1 h of data)',
  description:
    'A production build of a page with React, `<PerfOverlay monitor={monitor}/>` from `@perfscope/react/production` ' +
    'and a monitor given an hour of samples (one a second for five metrics, 18 000 in all) through the public ' +
    '`Source` contract, and the overlay’s chart timeline filled with an hour of points (3 600, its capacity) through ' +
    'the public `retainTimeline()`, so the first chart draws a full hour. In the page, the time runs from clicking the button named “Performance overlay” until a ' +
    '`<canvas>` with a size exists in the overlay’s shadow root and a frame has been painted after it; this includes ' +
    'loading the lazy panel chunk from loopback. One fresh page per run; median and IQR.',
  async run(context) {
    const c = context.quick ? QUICK : FULL
    const times: number[] = []
    try {
      const path = await context.pages.path(OVERLAY_PAGE)
      for (let run = 0; run < c.runs; run++) {
        context.log(`overlay: run ${run + 1}/${c.runs}`)
        const opened = await context.browser.open(path)
        try {
          times.push(await opened.page.evaluate(() => window.benchOverlay.open()))
        } finally {
          await opened.close()
        }
      }
    } catch (error) {
      return [unavailable(MEASUREMENT, 'perfscope <PerfOverlay/>', UNIT, reasonOf(error))]
    }
    return [
      figure({
        measurement: MEASUREMENT,
        sdk: 'perfscope <PerfOverlay/>',
        unit: UNIT,
        summary: summarize(times),
        runsDetail: 'fresh pages',
        note: 'goal ≤ 200 ms; includes fetching the lazy panel chunk',
      }),
    ]
  },
}
