import { describe, expect, it } from 'vitest'
import { iqr, median, quantile, slope, slopeFrom, summarize } from '../stats.ts'

describe('bench statistics', () => {
  it('takes the middle value of an odd list and the mean of the two middle values of an even list', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2]
    median(values)
    expect(values).toEqual([3, 1, 2])
  })

  it('interpolates quartiles between the closest ranks, as NumPy does by default', () => {
    // numpy.percentile([1..9], [25, 75]) == [3, 7]; numpy.percentile([1, 2, 3, 4], [25, 75]) == [1.75, 3.25]
    expect(iqr([9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual([3, 7])
    expect(iqr([1, 2, 3, 4])).toEqual([1.75, 3.25])
    expect(quantile([10, 20], 0.9)).toBeCloseTo(19)
  })

  it('sorts numerically, not as strings', () => {
    expect(median([100, 9, 20])).toBe(20)
  })

  it('summarises median, quartiles and extremes together', () => {
    expect(summarize([1, 2, 3, 4, 100])).toEqual({ n: 5, median: 3, q1: 2, q3: 4, min: 1, max: 100 })
  })

  it('refuses an empty list, NaN and a quantile outside 0..1 instead of inventing a figure', () => {
    expect(() => median([])).toThrow(RangeError)
    expect(() => median([1, Number.NaN])).toThrow(RangeError)
    expect(() => quantile([1], 1.5)).toThrow(RangeError)
  })

  it('fits a least-squares slope, over every point or only from a given x on', () => {
    // Growth that stops: +100 per step up to x = 2, flat after.
    const xs = [0, 1, 2, 3, 4]
    const ys = [0, 100, 200, 200, 200]
    expect(slope(xs, ys)).toBeCloseTo(50)
    expect(slopeFrom(xs, ys, 2)).toBe(0)
    expect(slopeFrom(xs, ys, 4)).toBeNull()
  })
})
