import { alternateRounds, pageNote } from '../lib/rounds.ts'
import { wrapperPage } from '../lib/pages.ts'
import { figure, unavailable, type Measurement, type Row } from '../measurement.ts'
import { formatNumber } from '../report.ts'
import { ALL_SDKS, NATIVE, PERFSCOPE } from '../sdks/registry.ts'
import { median, summarize } from '../stats.ts'

const FULL = { rounds: 3, warmUp: 500, calls: 1000, loops: 10 }
const QUICK = { rounds: 2, warmUp: 200, calls: 500, loops: 5 }

const MEASUREMENT = 'fetch wrapper only (fake fetch resolving at once): time per call'
const UNIT = 'µs per call'
/** perfscope's goal for its wrapper's own cost, over native. */
const GOAL_US = 5

/**
 * What an SDK's fetch wrapper costs by itself: the page's `fetch` is a fake that resolves at once with a small JSON
 * `Response`, installed before the SDK, so the network is out of the figure and the wrapper's work is what remains.
 */
export const wrapperCost: Measurement = {
  id: 'wrapper',
  title: 'Fetch wrapper cost without the network',
  description:
    'On a fresh page per SDK, `window.fetch` is replaced, before any SDK module runs, by a fake that resolves at ' +
    'once with a fresh 64-byte JSON `Response`; the SDK is then set up and wraps the fake. After a warm-up the page ' +
    'makes loops of calls one after the other (`await fetch()`, body left unread); a loop’s wall time ÷ its calls ' +
    'is one value. The figure is the median over rounds (SDKs rotated) of each page’s median loop, in µs per call; ' +
    'the note gives the difference with native (the bare fake), which is the wrapper’s own cost. Work an SDK defers ' +
    'past the call (an idle callback, a timer) is not in this figure; the main-thread measurement sees it.',
  async run(context) {
    const c = context.quick ? QUICK : FULL
    const results = await alternateRounds(
      context,
      ALL_SDKS,
      c.rounds,
      'wrapper',
      async ({ page }) => {
        const loops = await page.evaluate(
          async ({ warmUp, calls, loops }) => {
            await window.bench.calls('/json', warmUp, 1)
            return window.bench.calls('/json', calls, loops)
          },
          { warmUp: c.warmUp, calls: c.calls, loops: c.loops },
        )
        return median(loops) * 1000
      },
      { page: wrapperPage },
    )
    const native = results.find((r) => r.sdk.id === NATIVE.id)
    const nativeValue = native && native.results.length > 0 ? median(native.results) : null
    const runsDetail = `rounds × ${c.loops} loops of ${c.calls} calls`
    return results.map((entry): Row => {
      if (entry.failure || entry.results.length === 0) {
        return unavailable(MEASUREMENT, entry.sdk.label, UNIT, entry.failure ?? 'no round completed')
      }
      const summary = summarize(entry.results)
      const added = nativeValue === null || entry.sdk.id === NATIVE.id ? null : summary.median - nativeValue
      return figure({
        measurement: MEASUREMENT,
        sdk: entry.sdk.label,
        unit: UNIT,
        summary,
        runsDetail,
        ...(nativeValue !== null ? { baseline: { label: 'native', value: nativeValue } } : {}),
        note: [
          added === null ? '' : `${added >= 0 ? '+' : ''}${formatNumber(added)} µs vs native`,
          entry.sdk.id === PERFSCOPE.id ? `goal ≤ ${GOAL_US} µs over native` : '',
          pageNote(entry),
        ]
          .filter(Boolean)
          .join('; '),
      })
    })
  },
}
