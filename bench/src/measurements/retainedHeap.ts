import { retainedHeap as heapAfterGc } from '../lib/cdp.ts'
import { sdkPage } from '../lib/pages.ts'
import { figure, reasonOf, unavailable, type Measurement, type Row } from '../measurement.ts'
import { formatNumber } from '../report.ts'
import { NATIVE, PERFSCOPE } from '../sdks/registry.ts'
import { summarize } from '../stats.ts'

const FULL = { requests: 100_000, checkpoints: 20, warmUp: 1000, capMs: 60_000 }
const QUICK = { requests: 5_000, checkpoints: 5, warmUp: 200, capMs: 20_000 }
const CONCURRENCY = 50

const MEASUREMENT = 'retained heap growth after intercepted requests'
const UNIT = 'KiB'

/** Least-squares slope of `ys` over `xs`. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length
  const mx = xs.reduce((a, b) => a + b, 0) / n
  const my = ys.reduce((a, b) => a + b, 0) / n
  let num = 0
  let den = 0
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my)
    den += (xs[i]! - mx) ** 2
  }
  return den === 0 ? 0 : num / den
}

/**
 * Retained JS heap after many intercepted requests: the heap after a full GC, read at checkpoints while the page
 * makes up to 100 000 fetches, for perfscope and for native fetch. Bounded memory means the line stays flat.
 */
export const retainedHeap: Measurement = {
  id: 'heap',
  title: 'Retained heap after 100 000 requests',
  description:
    'On a fresh page, after a warm-up, the page fetches `/json` 50 at a time; at each of 10 checkpoints CDP forces a ' +
    'full garbage collection (`HeapProfiler.collectGarbage`, twice) and reads `Runtime.getHeapUsage`. The figure is ' +
    'the heap still held at the end minus after the warm-up; the spread is the range of that growth over the ' +
    'checkpoints; the note gives the least-squares slope in bytes per 1 000 requests. A run stops early at a time cap ' +
    'on a slow machine and then says how many requests it made. Native fetch is the baseline for what the browser ' +
    'itself keeps.',
  async run(context) {
    const c = context.quick ? QUICK : FULL
    const rows: Row[] = []
    for (const sdk of [NATIVE, PERFSCOPE]) {
      context.log(`heap: ${sdk.id}`)
      try {
        const opened = await context.browser.open(await context.pages.path(sdkPage(sdk)))
        try {
          const { page, cdp } = opened
          await page.evaluate(({ n, w }) => window.bench.hammer('/json', n, w), { n: c.warmUp, w: CONCURRENCY })
          const base = await heapAfterGc(cdp)
          const started = Date.now()
          // The warm-up is the first point of the line: growth 0 after 0 measured requests.
          const made: number[] = [0]
          const growth: number[] = [0]
          let total = 0
          const step = c.requests / c.checkpoints
          while (total < c.requests && Date.now() - started < c.capMs) {
            total += await page.evaluate(({ n, w }) => window.bench.hammer('/json', n, w), { n: step, w: CONCURRENCY })
            made.push(total)
            growth.push((await heapAfterGc(cdp)) - base)
          }
          const wrapped = await page.evaluate(() => window.bench.fetchWrapped())
          const capped = total < c.requests
          const summary = summarize(growth.map((b) => b / 1024))
          const final = growth.at(-1)! / 1024
          const checkpoints = made.length - 1
          rows.push({
            ...figure({
              measurement: MEASUREMENT,
              sdk: sdk.label,
              unit: UNIT,
              summary,
              spread: 'min–max',
              runsDetail: `${checkpoints} checkpoint(s) + the warm-up point, over ${total} requests${capped ? ` (time cap ${c.capMs / 1000} s reached)` : ''}`,
              note: [
                `slope ${formatNumber(slope(made, growth) * 1000)} B per 1000 requests`,
                `heap after warm-up ${formatNumber(base / 1024 / 1024)} MiB`,
                wrapped ? 'fetch wrapped' : 'fetch not wrapped',
              ].join('; '),
            }),
            value: final,
          })
        } finally {
          await opened.close()
        }
      } catch (error) {
        rows.push(unavailable(MEASUREMENT, sdk.label, UNIT, reasonOf(error)))
      }
    }
    return rows
  },
}
