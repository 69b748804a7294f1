import { describe, expect, it } from 'vitest'
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
})

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
