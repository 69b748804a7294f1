import { namedPage } from '../lib/pages.ts'
import { figure, reasonOf, unavailable, type Measurement, type Row } from '../measurement.ts'
import { formatNumber } from '../report.ts'
import { summarize } from '../stats.ts'

const FULL = { rates: [50, 100, 200, 400, 800], durationMs: 3000 }
const QUICK = { rates: [50, 200], durationMs: 1500 }

/** A step counts as sustained when the server saw at least this share of the requested rate. */
const SUSTAINED = 0.95

const LOAD_PAGE = namedPage('load', 'loadPage.ts')

interface Step {
  rate: number
  achieved: number
  tagged: number
  result: unknown
}

/**
 * The load simulator's highest sustained rate and its accuracy: constant-rate runs at rising rates against the
 * bench server, whose own request count is the truth the achieved rate is taken from.
 */
export const loadSimulator: Measurement = {
  id: 'load',
  title: 'Load simulator: highest sustained rate and accuracy',
  description:
    'A page with `createMonitor().start()` runs `monitor.load.run()` with a constant-arrival-rate scenario against ' +
    '`/json` on the bench server, at rising rates for a few seconds each. The server counts the requests it ' +
    'received (and how many carried `X-Perfscope-Load`); achieved rate = count ÷ duration. A rate is sustained when ' +
    `at least ${SUSTAINED * 100} % of it arrived. Accuracy is achieved ÷ requested over the steps (median, range).`,
  async run(context) {
    const c = context.quick ? QUICK : FULL
    const steps: Step[] = []
    let stopped = ''
    try {
      const opened = await context.browser.open(await context.pages.path(LOAD_PAGE))
      try {
        for (const rate of c.rates) {
          context.log(`load: ${rate} req/s for ${c.durationMs / 1000} s`)
          context.server.resetCounts()
          let result: unknown
          try {
            result = await opened.page.evaluate(({ r, d }) => window.benchLoad.run(r, d), { r: rate, d: c.durationMs })
          } catch (error) {
            stopped = `at ${rate} req/s: ${reasonOf(error)}`
            break
          }
          const { json, loadTagged } = context.server.counts
          steps.push({ rate, achieved: json / (c.durationMs / 1000), tagged: loadTagged, result })
        }
      } finally {
        await opened.close()
      }
    } catch (error) {
      return [
        unavailable('load simulator: highest sustained rate', 'perfscope monitor.load', 'req/s', reasonOf(error)),
        unavailable('load simulator: accuracy (achieved ÷ requested)', 'perfscope monitor.load', '%', reasonOf(error)),
      ]
    }
    if (steps.length === 0) {
      const reason = `no step completed${stopped ? `: ${stopped}` : ''}`
      return [
        unavailable('load simulator: highest sustained rate', 'perfscope monitor.load', 'req/s', reason),
        unavailable('load simulator: accuracy (achieved ÷ requested)', 'perfscope monitor.load', '%', reason),
      ]
    }
    const sustained = steps.filter((s) => s.achieved >= SUSTAINED * s.rate)
    const best = sustained.length > 0 ? Math.max(...sustained.map((s) => s.rate)) : 0
    const accuracy = steps.map((s) => (s.achieved / s.rate) * 100)
    const stepsText = steps.map((s) => `${s.rate}→${formatNumber(s.achieved)}`).join(', ')
    const tagged = steps.every((s) => s.tagged > 0)
      ? 'requests tagged X-Perfscope-Load'
      : 'NOT every step’s requests carried X-Perfscope-Load'
    const rows: Row[] = [
      {
        ...figure({
          measurement: 'load simulator: highest sustained rate',
          sdk: 'perfscope monitor.load',
          unit: 'req/s',
          summary: summarize(steps.map((s) => s.achieved)),
          spread: 'min–max',
          runsDetail: `steps of ${c.durationMs / 1000} s`,
          note: `requested→achieved: ${stepsText}; ${tagged}${stopped ? `; stopped ${stopped}` : ''}`,
        }),
        value: best,
      },
      figure({
        measurement: 'load simulator: accuracy (achieved ÷ requested)',
        sdk: 'perfscope monitor.load',
        unit: '%',
        summary: summarize(accuracy),
        spread: 'min–max',
        runsDetail: `steps of ${c.durationMs / 1000} s`,
        note: 'counted by the server',
      }),
    ]
    return rows
  },
}
