import { enableMetrics, mainThreadTime, type MainThreadTime } from '../lib/cdp.ts'
import { alternateRounds, pageNote, type SdkRounds } from '../lib/rounds.ts'
import { figure, unavailable, type Measurement, type Row } from '../measurement.ts'
import { formatNumber } from '../report.ts'
import { ALL_SDKS, NATIVE, PERFSCOPE, PERFSCOPE_WITHOUT_PLUGIN } from '../sdks/registry.ts'
import { median, summarize } from '../stats.ts'

const FULL = { rounds: 5, settleMs: 2000 }
const QUICK = { rounds: 2, settleMs: 1500 }

const UNIT = 'ms minus native'
/** perfscope's goal: its start-up script time within this many ms of web-vitals' (which it loads itself). */
const GOAL_OVER_WEB_VITALS_MS = 10
const WEB_VITALS = 'web-vitals'

function rowsFor(
  results: SdkRounds<MainThreadTime>[],
  kind: keyof MainThreadTime,
  measurement: string,
  runsDetail: string,
): Row[] {
  const native = results.find((r) => r.sdk.id === NATIVE.id)
  const nativeRounds = native?.results.map((r) => r[kind]) ?? []
  const webVitalsRounds = results.find((r) => r.sdk.id === WEB_VITALS)?.results.map((r) => r[kind]) ?? []
  return results.map((entry) => {
    if (entry.failure || entry.results.length === 0) {
      return unavailable(measurement, entry.sdk.label, UNIT, entry.failure ?? 'no round completed')
    }
    const own = entry.results.map((r) => r[kind])
    if (entry.sdk.id === NATIVE.id) {
      return figure({
        measurement,
        sdk: `${entry.sdk.label}, absolute`,
        unit: 'ms',
        summary: summarize(own),
        runsDetail,
        note: 'the page and harness alone: the baseline the other rows subtract',
      })
    }
    if (nativeRounds.length === 0)
      return unavailable(measurement, entry.sdk.label, UNIT, 'no native baseline to subtract')
    const paired = own.slice(0, nativeRounds.length).map((v, i) => v - nativeRounds[i]!)
    // The goal compares with web-vitals, paired by round like the native difference.
    const overWebVitals = own.slice(0, webVitalsRounds.length).map((v, i) => v - webVitalsRounds[i]!)
    const goal =
      (entry.sdk.id === PERFSCOPE.id || entry.sdk.id === PERFSCOPE_WITHOUT_PLUGIN.id) &&
      kind === 'scriptMs' &&
      overWebVitals.length > 0
        ? `minus web-vitals ${formatNumber(median(overWebVitals))} ms (goal ≤ ${GOAL_OVER_WEB_VITALS_MS} ms)`
        : ''
    return figure({
      measurement,
      sdk: entry.sdk.label,
      unit: UNIT,
      summary: summarize(paired),
      runsDetail,
      note: [
        goal,
        `absolute ${formatNumber(median(own))} ms, native ${formatNumber(median(nativeRounds))} ms`,
        pageNote(entry),
      ]
        .filter(Boolean)
        .join('; '),
    })
  })
}

/**
 * Main-thread time an SDK costs to start: from the page's first line until it has settled (idle work and lazy
 * imports included), each SDK minus native measured in the same round.
 */
export const initCost: Measurement = {
  id: 'init',
  title: 'Main-thread time at start-up',
  description:
    'CDP `Performance.enable` is sent before a fresh page per SDK navigates; the page loads its bundle (the SDK set ' +
    'up as in its docs, plus the harness), and `Performance.getMetrics` is read once the page is ready and has then ' +
    'been left alone for a settle period, so work the SDK defers to an idle moment or a dynamic import is counted. ' +
    'Script duration (JavaScript: parse, compile, run) and task duration (all main-thread work) are each SDK’s time ' +
    'minus native’s in the same round (paired), median over rounds with the IQR; the native row gives the absolute ' +
    'baseline (the page and the harness alone). perfscope is measured twice: built with its compile-hint plugin, as ' +
    'its docs say (`perfscopeCompileHints()`: its start-up chunk is compiled off the main thread), and without it.',
  async run(context) {
    const c = context.quick ? QUICK : FULL
    const results = await alternateRounds(
      context,
      [...ALL_SDKS, PERFSCOPE_WITHOUT_PLUGIN],
      c.rounds,
      'init',
      async ({ page, cdp }) => {
        await page.waitForTimeout(c.settleMs)
        return mainThreadTime(cdp)
      },
      { beforeNavigate: enableMetrics },
    )
    const runs = `rounds × 1 page load + ${c.settleMs / 1000} s settle`
    return [
      ...rowsFor(results, 'scriptMs', 'start-up (load + settle): script time', runs),
      ...rowsFor(results, 'taskMs', 'start-up (load + settle): task time', runs),
    ]
  },
}
