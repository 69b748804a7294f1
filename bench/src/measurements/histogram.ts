import { Histogram } from '@perfscope/core'
import { figure, type Measurement, type Row } from '../measurement.ts'
import { logNormal, seededRandom } from '../lib/random.ts'
import { formatNumber } from '../report.ts'
import { median, summarize } from '../stats.ts'

const VALUES = 1_000_000
const FULL = { timingRuns: 7, errorSeeds: 5 }
const QUICK = { timingRuns: 3, errorSeeds: 2 }
const QUANTILES = [0.5, 0.95, 0.99] as const
const VALUES_TEXT = VALUES.toLocaleString('en-US')

/** Latency-like distributions, in ms: a log-normal around 100 ms, and cache hits at ~2 ms mixed with misses at ~200 ms. */
const DISTRIBUTIONS: Record<string, (random: () => number) => number> = {
  'log-normal(100 ms, σ=1)': (random) => logNormal(random, 100, 1),
  'bimodal 2 ms / 200 ms': (random) => (random() < 0.7 ? logNormal(random, 2, 0.3) : logNormal(random, 200, 0.5)),
}

function generate(distribution: (random: () => number) => number, seed: number): Float64Array {
  const random = seededRandom(seed)
  const values = new Float64Array(VALUES)
  for (let i = 0; i < VALUES; i++) values[i] = distribution(random)
  return values
}

/** The exact value at quantile `q` by the nearest-rank method, which is how `Histogram.quantile` ranks. */
function exactQuantile(sorted: Float64Array, q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!
}

function nsPerValue(run: () => void): number {
  const start = process.hrtime.bigint()
  run()
  return Number(process.hrtime.bigint() - start) / VALUES
}

/**
 * The streaming histogram on 1 000 000 latency-like values: the cost of one insert beside keeping every value
 * exactly (store + sort), and the relative error of p50, p95 and p99 against the exact values.
 */
export const histogram: Measurement = {
  id: 'histogram',
  title: 'Histogram insert cost and percentile error (1 000 000 values)',
  description:
    'In Node (V8, as in Chromium), 1 000 000 seeded latency-like values (a log-normal around 100 ms, and a 2 ms / 200 ms ' +
    'bimodal mix) go into a fresh `Histogram` from `@perfscope/core`; the insert cost is the run’s time ÷ 1 000 000 ' +
    '(median of several runs after a warm-up, IQR), beside the exact alternative: storing every value in a ' +
    'preallocated Float64Array and sorting it once. Percentile error is |histogram − exact| ÷ exact at p50, p95, p99 ' +
    '(nearest rank), median over distributions × seeds with the range.',
  async run({ quick, log }) {
    const c = quick ? QUICK : FULL
    const rows: Row[] = []
    const values = generate(DISTRIBUTIONS['log-normal(100 ms, σ=1)']!, 1)

    log('histogram: insert cost')
    const insert = () => {
      const h = new Histogram()
      for (let i = 0; i < VALUES; i++) h.add(values[i]!)
      return h
    }
    const exact = () => {
      const store = new Float64Array(VALUES)
      for (let i = 0; i < VALUES; i++) store[i] = values[i]!
      return store.sort()
    }
    // One untimed run each, so the timed ones measure optimised code.
    insert()
    exact()
    const histogramNs: number[] = []
    const exactNs: number[] = []
    for (let run = 0; run < c.timingRuns; run++) {
      histogramNs.push(nsPerValue(insert))
      exactNs.push(nsPerValue(exact))
    }
    const exactMedian = median(exactNs)
    const runsDetail = `runs × ${VALUES_TEXT} values`
    rows.push(
      figure({
        measurement: 'histogram: insert cost',
        sdk: 'perfscope Histogram.add()',
        unit: 'ns per value',
        summary: summarize(histogramNs),
        runsDetail,
        baseline: { label: 'exact (store + sort)', value: exactMedian },
        note: 'bounded memory: one counter per occupied log bucket',
      }),
      figure({
        measurement: 'histogram: insert cost',
        sdk: 'exact: Float64Array store + one sort',
        unit: 'ns per value',
        summary: summarize(exactNs),
        runsDetail,
        baseline: { label: 'exact (store + sort)', value: exactMedian },
        note: `memory grows with every value (${formatNumber((VALUES * 8) / 1024 / 1024)} MiB here)`,
      }),
    )

    log('histogram: percentile error')
    const errors = new Map<number, number[]>(QUANTILES.map((q) => [q, []]))
    for (const [name, distribution] of Object.entries(DISTRIBUTIONS)) {
      for (let seed = 1; seed <= c.errorSeeds; seed++) {
        const sample = generate(distribution, seed * 7919)
        const h = new Histogram()
        for (let i = 0; i < VALUES; i++) h.add(sample[i]!)
        const sorted = sample.slice().sort()
        for (const q of QUANTILES) {
          const truth = exactQuantile(sorted, q)
          const estimate = h.quantile(q)
          if (estimate === null)
            throw new Error(`Histogram.quantile(${q}) returned null after ${VALUES} values (${name})`)
          errors.get(q)!.push((Math.abs(estimate - truth) / truth) * 100)
        }
      }
    }
    for (const q of QUANTILES) {
      const list = errors.get(q)!
      rows.push(
        figure({
          measurement: `histogram: p${q * 100} relative error vs exact`,
          sdk: 'perfscope Histogram',
          unit: '%',
          summary: summarize(list),
          spread: 'min–max',
          runsDetail: `${Object.keys(DISTRIBUTIONS).length} distributions × ${c.errorSeeds} seeds × ${VALUES_TEXT} values`,
          note: `worst ${formatNumber(Math.max(...list))} %; goal ≤ 1 %`,
        }),
      )
    }
    return rows
  },
}
