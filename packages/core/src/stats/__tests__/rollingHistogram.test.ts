import { describe, expect, it } from 'vitest'
import { Histogram } from '../histogram.ts'
import { RollingHistogram, WindowedHistogram } from '../rollingHistogram.ts'

describe('RollingHistogram', () => {
  it('forgets values older than its window without any timer', () => {
    const h = new RollingHistogram(60_000, 6)
    h.add(100, 1_000)
    h.add(200, 30_000)
    expect(h.summary(30_000).count).toBe(2)
    expect(h.summary(65_000).count).toBe(1)
    expect(h.summary(200_000).count).toBe(0)
  })

  it('reuses a slice after the ring wraps around', () => {
    const h = new RollingHistogram(60_000, 6)
    h.add(1, 5_000)
    h.add(2, 65_000) // same ring slot as t=5000, one window later
    expect(h.summary(65_000)).toMatchObject({ count: 1, max: 2 })
  })

  it('gives the same window as merging its slices, whatever the order of adds and reads', () => {
    let seed = 11
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
    const h = new RollingHistogram(60_000, 6)
    const values: Array<{ v: number; t: number }> = []
    let t = 0
    for (let step = 0; step < 3000; step++) {
      // Mostly forward in small steps, sometimes a jump past the whole window, sometimes a value stamped earlier.
      const r = random()
      t += r < 0.01 ? 70_000 : r < 0.05 ? -3_000 : random() * 400
      t = Math.max(0, t)
      const v = random() < 0.1 ? 0 : Math.exp(random() * 8)
      h.add(v, t)
      values.push({ v, t })
      if (step % 37 === 0) {
        const at = t + (random() < 0.2 ? -5_000 : random() * 20_000)
        const { mean, ...rest } = h.summary(at)
        const expected = reference(values, at)
        expect(rest).toEqual({ ...expected, mean: undefined })
        // The sum is added slice by slice: the same up to rounding.
        if (expected.mean !== null) expect(mean).toBeCloseTo(expected.mean, 6)
      }
    }
  })
})

/** The window ending at `at` as the ring holds it: a slice keeps only the values of its newest id. */
function reference(values: Array<{ v: number; t: number }>, at: number) {
  const sliceMs = 10_000
  const newest = Math.floor(at / sliceMs)
  const latest = new Map<number, number>()
  for (const { t } of values) {
    const id = Math.floor(t / sliceMs)
    latest.set(id % 6, id)
  }
  const h = new Histogram()
  for (const { v, t } of values) {
    const id = Math.floor(t / sliceMs)
    if (latest.get(id % 6) === id && id <= newest && id > newest - 6) h.add(v)
  }
  return h.summary()
}

describe('WindowedHistogram', () => {
  it('summarises the last minute, the last 5 minutes and the session', () => {
    const h = new WindowedHistogram()
    h.add(10, 0)
    h.add(20, 120_000)
    h.add(30, 290_000)
    const s = h.summary(300_000)
    expect(s.lastMinute.count).toBe(1)
    expect(s.last5Minutes.count).toBe(2)
    expect(s.session.count).toBe(3)
  })
})
