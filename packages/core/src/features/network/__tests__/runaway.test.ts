import { describe, expect, it } from 'vitest'
import { CEILING_HOLD_MS, RunawayDetector } from '../runaway.ts'

function poll(d: RunawayDetector, from: number, interval: number, count: number): number {
  let t = from
  for (let i = 0; i < count; i++, t += interval) d.start(t, 0)
  return t
}

describe('RunawayDetector', () => {
  it('learns a steady polling interval and does not flag it', () => {
    const d = new RunawayDetector()
    const t = poll(d, 0, 1000, 10)
    expect(d.intervalMs).toBeCloseTo(1000, 0)
    expect(d.evaluate(t).active).toBe(false)
  })

  it('flags a pace far above the learned interval and clears when it returns', () => {
    const d = new RunawayDetector()
    let t = poll(d, 0, 1000, 8)
    t = poll(d, t, 100, 6)
    expect(d.evaluate(t)).toMatchObject({ active: true, kind: 'rate' })
    t = poll(d, t + 900, 1000, 6)
    expect(d.evaluate(t - 1000).active).toBe(false)
  })

  it('clears a rate runaway once calls stop for a learned interval', () => {
    const d = new RunawayDetector()
    let t = poll(d, 0, 1000, 8)
    t = poll(d, t, 100, 8)
    expect(d.evaluate(t).active).toBe(true)
    expect(d.evaluate(t + 2000).active).toBe(false)
  })

  it('never learns bursts of parallel loads as a pace, so a burst on an irregular endpoint is not a runaway', () => {
    const d = new RunawayDetector()
    for (const t of [0, 3000, 3500, 9000, 20000]) d.start(t, 0)
    for (let i = 0; i < 10; i++) d.start(30000 + i, i)
    expect(d.intervalMs).toBeNull()
    expect(d.evaluate(30010).active).toBe(false)
  })

  it('flags polls that keep starting before the previous one finished', () => {
    const d = new RunawayDetector()
    let t = poll(d, 0, 500, 6)
    d.start(t, 1)
    d.start((t += 500), 1)
    expect(d.evaluate(t)).toMatchObject({ active: true, kind: 'overlap' })
    d.start((t += 500), 0)
    expect(d.evaluate(t).active).toBe(false)
  })

  it('flags more calls in one second than the ceiling, holds the flag a few seconds, then clears', () => {
    const d = new RunawayDetector(5)
    for (let i = 0; i < 6; i++) d.start(10_000 + i * 10, 0)
    expect(d.evaluate(10_100)).toMatchObject({
      active: true,
      kind: 'ceiling',
      reason: 'ceiling: 6 calls in one second, ceiling 5/s',
    })
    expect(d.evaluate(10_050 + CEILING_HOLD_MS - 1).active).toBe(true)
    expect(d.evaluate(10_050 + CEILING_HOLD_MS).active).toBe(false)
  })

  it('flags a burst that straddles the turn of a second, counting it whole', () => {
    const d = new RunawayDetector(5)
    for (let i = 0; i < 8; i++) d.start(10_960 + i * 10, 0)
    expect(d.evaluate(11_100)).toMatchObject({ active: true, reason: 'ceiling: 8 calls in one second, ceiling 5/s' })
  })

  it('does not flag calls spread so that no one second holds more than the ceiling', () => {
    const d = new RunawayDetector(5)
    for (let i = 0; i < 30; i++) d.start(10_000 + i * 210, 0)
    expect(d.evaluate(16_400).active).toBe(false)
  })

  it('counts the ceiling on a clock in epoch milliseconds too (no performance.now())', () => {
    const d = new RunawayDetector(5)
    const t0 = 1_767_225_600_000
    for (let i = 0; i < 6; i++) d.start(t0 + i * 10, 0)
    expect(d.evaluate(t0 + 100)).toMatchObject({ active: true, reason: 'ceiling: 6 calls in one second, ceiling 5/s' })
  })

  it('counts a call that arrives a little older than the first into the same second', () => {
    const d = new RunawayDetector(5)
    d.start(10_250, 0)
    for (let i = 0; i < 5; i++) d.start(10_150 - i * 10, 0)
    expect(d.evaluate(10_300)).toMatchObject({ active: true, reason: 'ceiling: 6 calls in one second, ceiling 5/s' })
  })

  it('reports the busiest second of a burst still held', () => {
    const d = new RunawayDetector(5)
    for (let i = 0; i < 9; i++) d.start(10_000 + i * 10, 0)
    for (let i = 0; i < 7; i++) d.start(12_000 + i * 10, 0)
    expect(d.evaluate(12_100).reason).toBe('ceiling: 9 calls in one second, ceiling 5/s')
  })
})
