import { figure, unavailable, type Measurement, type Row } from '../measurement.ts'
import { alternateRounds, pageNote, type SdkRounds } from '../lib/rounds.ts'
import { ALL_SDKS, NATIVE } from '../sdks/registry.ts'
import { median, summarize } from '../stats.ts'
import { formatNumber } from '../report.ts'

const CONCURRENCY = 50

const FULL = { rounds: 3, warmUp: 100, sequential: 400, batches: 16 }
const QUICK = { rounds: 2, warmUp: 50, sequential: 200, batches: 8 }

interface Round {
  /** Median time of one request, sequential, ms. */
  sequential: number
  /** Median wall time of a batch of 50 concurrent requests divided by 50, ms. */
  concurrent: number
}

const US = 'µs per request'

function rowsFor(
  results: SdkRounds<Round>[],
  pick: (round: Round) => number,
  measurement: string,
  runsDetail: string,
): Row[] {
  const native = results.find((r) => r.sdk.id === NATIVE.id)
  const nativeValue = native && native.results.length > 0 ? median(native.results.map(pick)) * 1000 : null
  return results.map((entry) => {
    if (entry.failure || entry.results.length === 0) {
      return unavailable(measurement, entry.sdk.label, US, entry.failure ?? 'no round completed')
    }
    const summary = summarize(entry.results.map((r) => pick(r) * 1000))
    const added = nativeValue === null || entry.sdk.id === NATIVE.id ? null : summary.median - nativeValue
    const delta = added === null ? '' : `${added >= 0 ? '+' : ''}${formatNumber(added)} µs vs native`
    return figure({
      measurement,
      sdk: entry.sdk.label,
      unit: US,
      summary,
      runsDetail,
      ...(nativeValue !== null ? { baseline: { label: 'native', value: nativeValue } } : {}),
      note: [delta, pageNote(entry)].filter(Boolean).join('; '),
    })
  })
}

/**
 * Per-request cost of each SDK's fetch instrumentation on loopback: sequential and 50-concurrent fetches of a small
 * JSON document, each SDK on fresh pages, rounds alternated between SDKs; medians and the ratio to native fetch.
 */
export const fetchCost: Measurement = {
  id: 'fetch',
  title: 'Per-request cost of fetch instrumentation',
  description:
    'Each SDK is set up on a fresh page, which then fetches `/json` (64 bytes, loopback) and reads the body: a ' +
    'warm-up, then N requests one after the other (the time of each), then batches of 50 at once (each batch’s wall ' +
    'time ÷ 50). A round visits every SDK in a rotated order; the figure is the median over rounds of each round’s ' +
    'median, the spread is the IQR of the round medians, and the ratio is to native fetch in the same run. ' +
    '“fetch wrapped” says whether the SDK had replaced `window.fetch`.',
  async run(context) {
    const counts = context.quick ? QUICK : FULL
    const results = await alternateRounds(context, ALL_SDKS, counts.rounds, 'fetch', async ({ page }) => {
      // Raw times come back and are summarised here: the callback runs in the page and must stay self-contained.
      const times = await page.evaluate(
        async ({ warmUp, sequential, batches, width }) => {
          await window.bench.sequential('/json', warmUp)
          await window.bench.concurrent('/json', Math.max(1, warmUp / width), width)
          const seq = await window.bench.sequential('/json', sequential)
          const conc = await window.bench.concurrent('/json', batches, width)
          return { seq, conc }
        },
        { ...counts, width: CONCURRENCY },
      )
      return { sequential: median(times.seq), concurrent: median(times.conc) }
    })
    return [
      ...rowsFor(
        results,
        (r) => r.sequential,
        'fetch, sequential: time per request',
        `rounds × ${counts.sequential} requests`,
      ),
      ...rowsFor(
        results,
        (r) => r.concurrent,
        `fetch, ${CONCURRENCY} concurrent: batch time ÷ ${CONCURRENCY}`,
        `rounds × ${counts.batches} batches of ${CONCURRENCY}`,
      ),
    ]
  },
}
