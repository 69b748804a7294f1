import { describe, expect, it } from 'vitest'
import { Histogram, HISTOGRAM_RELATIVE_ACCURACY } from '../histogram.ts'

function exactQuantile(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!
}

/** A small deterministic PRNG so failures reproduce. */
function mulberry32(seed: number): () => number {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('Histogram', () => {
  it('is empty until a value arrives', () => {
    const h = new Histogram()
    expect(h.quantile(0.5)).toBeNull()
    expect(h.summary()).toMatchObject({ count: 0, p50: null, max: null })
  })

  it.each([
    ['uniform latencies', (r: () => number) => r() * 500],
    [
      'log-normal latencies with a long tail',
      (r: () => number) => Math.exp(3 + 1.5 * Math.sqrt(-2 * Math.log(r() || 1e-9)) * Math.cos(2 * Math.PI * r())),
    ],
    ['sub-millisecond timings', (r: () => number) => r() * 0.9 + 0.01],
  ])('keeps p50/p95/p99 within 1 %% of the exact values for %s', (_name, draw) => {
    const random = mulberry32(42)
    const h = new Histogram()
    const values: number[] = []
    for (let i = 0; i < 50_000; i++) {
      const v = draw(random)
      values.push(v)
      h.add(v)
    }
    values.sort((a, b) => a - b)
    for (const q of [0.5, 0.95, 0.99]) {
      const exact = exactQuantile(values, q)
      expect(Math.abs(h.quantile(q)! - exact) / exact).toBeLessThanOrEqual(0.01)
    }
    expect(HISTOGRAM_RELATIVE_ACCURACY).toBeLessThan(0.01)
  })

  it('reports the exact min, max and mean', () => {
    const h = new Histogram()
    for (const v of [3, 1, 4, 1, 5, 9, 2, 6]) h.add(v)
    expect(h.summary()).toMatchObject({ count: 8, min: 1, max: 9, mean: 31 / 8 })
  })

  it('ignores negative, NaN and infinite values', () => {
    const h = new Histogram()
    for (const v of [-1, Number.NaN, Infinity, 10]) h.add(v)
    expect(h.count).toBe(1)
  })

  it('merges into the same quantiles as one histogram of all values', () => {
    const a = new Histogram()
    const b = new Histogram()
    const all = new Histogram()
    for (let i = 1; i <= 1000; i++) {
      ;(i % 2 ? a : b).add(i * 1.7)
      all.add(i * 1.7)
    }
    a.merge(b)
    for (const q of [0.1, 0.5, 0.9, 0.99]) expect(a.quantile(q)).toBe(all.quantile(q))
  })

  it('merges into a histogram whose range already covers, or must grow to cover, the other one', () => {
    const wide = new Histogram()
    const narrow = new Histogram()
    const all = new Histogram()
    for (const v of [0.0001, 1, 50, 400, 9000]) {
      wide.add(v)
      all.add(v)
    }
    for (const v of [2, 60, 61, 350, 20_000]) {
      narrow.add(v)
      all.add(v)
    }
    const grown = new Histogram()
    grown.add(55)
    grown.merge(wide)
    grown.merge(narrow)
    wide.merge(narrow)
    all.add(55)
    wide.add(55)
    expect(wide.summary()).toEqual(all.summary())
    expect(grown.summary()).toEqual(all.summary())
  })

  it('gives each summary percentile as quantile() gives it alone, with the exact extremes at 0 and 1', () => {
    const random = mulberry32(7)
    const h = new Histogram()
    for (let i = 0; i < 300; i++) h.add(i % 10 === 0 ? 0 : random() * 200)
    const s = h.summary()
    expect([s.p50, s.p75, s.p90, s.p95, s.p99]).toEqual([0.5, 0.75, 0.9, 0.95, 0.99].map((q) => h.quantile(q)))
    expect(h.quantiles([0, 0.05, 1])).toEqual([h.min, h.min, h.max])
  })

  it('keeps memory bounded whatever range the values cover', () => {
    const h = new Histogram()
    for (let i = 0; i < 100_000; i++) h.add(10 ** ((i % 24) - 6))
    // Internal storage is capped by the bucket count for the whole range, a few thousand counters.
    expect((h as unknown as { counts: Uint32Array }).counts.length).toBeLessThan(6000)
  })
})
