import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMonitor } from '@perfscope/core'
import {
  retainTimeline,
  Timeline,
  TIMELINE_CAPACITY,
  TIMELINE_SERIES,
  type TimelinePoint,
} from '../timeline/timeline.ts'

function point(at: number, v: number): TimelinePoint {
  return { at, ...Object.fromEntries(TIMELINE_SERIES.map((s) => [s, v])) } as TimelinePoint
}

describe('Timeline', () => {
  afterEach(() => vi.useRealTimers())

  it('keeps at most an hour of points, oldest dropped first, NaN shown as a gap', () => {
    const t = new Timeline()
    for (let i = 0; i < TIMELINE_CAPACITY + 10; i++) t.push(point(i * 1000, i))
    t.push(point(99_999_000, Number.NaN))
    const [time, rps] = t.columns(['rps'])
    expect(time).toHaveLength(TIMELINE_CAPACITY)
    expect(time[0]).toBe(11)
    expect(rps!.at(-1)).toBeNull()
    expect(t.latest('rps')).toBeNull()
  })

  it('records from snapshot changes at most once per second, and stops when the last holder releases it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const monitor = createMonitor({ sources: [] })
    const { timeline, release } = retainTimeline(monitor)
    const second = retainTimeline(monitor)
    expect(second.timeline).toBe(timeline)
    monitor.start()
    await Promise.resolve()
    monitor.setFilter('memory', false)
    await Promise.resolve()
    expect(timeline.length).toBe(1)
    vi.setSystemTime(Date.now() + 1500)
    monitor.setFilter('memory', true)
    await Promise.resolve()
    expect(timeline.length).toBe(2)
    release()
    second.release()
    vi.setSystemTime(Date.now() + 1500)
    monitor.stop()
    await Promise.resolve()
    expect(timeline.length).toBe(2)
  })
})
