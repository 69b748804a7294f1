import { afterEach, describe, expect, it, vi } from 'vitest'
import { emptySnapshot } from '../../../createMonitor.ts'
import { kernelContext } from '../../../kernel/__tests__/kernelContext.ts'
import { NETWORK_PUBLISH_UNWATCHED_MS } from '../../network/networkCollector.ts'
import { createHistory, MAX_WRITE_DELAY_MS } from '../history.ts'

// lib/now.ts keeps the clock it found at import; the faked Date moves with the faked timers.
vi.mock('../../../lib/now.ts', () => ({ now: () => Date.now() }))

afterEach(() => {
  vi.useRealTimers()
})

describe('history write cadence', () => {
  it('saves an app that polls without a pause once per MAX_WRITE_DELAY_MS, not once per publish of its figures', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const context = kernelContext()
    let saves = 0
    const report = {
      collect: async () => {},
      loading: () => false,
      reportState: () => {
        saves++
        return { snapshot: emptySnapshot(), requests: [] }
      },
    }
    const { source } = createHistory(context, report, {})
    const stop = source.start(context)
    // Unwatched, the network collector publishes what it folded every NETWORK_PUBLISH_UNWATCHED_MS: a polling
    // app's samples arrive as one burst per publish, never settling. Two full delays and a little: the first
    // unsaved sample of each period comes a publish or two into it.
    for (let t = 0; t < 2 * MAX_WRITE_DELAY_MS + 5_000; t += NETWORK_PUBLISH_UNWATCHED_MS) {
      context.emit({ key: 'http.GET /api/items', t, v: 12, tags: { status: '200' } })
      await vi.advanceTimersByTimeAsync(NETWORK_PUBLISH_UNWATCHED_MS)
    }
    expect(saves).toBe(2)
    // Once the app goes quiet, what it did last is saved soon after.
    await vi.advanceTimersByTimeAsync(10_000)
    expect(saves).toBe(3)
    stop?.()
  })

  /** A report input that counts its collects and its reads, with lazy sources loading while `loading` says so. */
  function countingReport(loading: () => boolean) {
    const counts = { collects: 0, saves: 0 }
    const report = {
      collect: async () => {
        counts.collects++
      },
      loading,
      reportState: () => {
        counts.saves++
        return { snapshot: emptySnapshot(), requests: [] }
      },
    }
    return { counts, report }
  }

  it('writes an idle save from the figures already published, while save() collects the last calls first', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const context = kernelContext()
    const { counts, report } = countingReport(() => false)
    const { history, source } = createHistory(context, report, {})
    const stop = source.start(context)
    context.emit({ key: 'http.GET /api/items', t: 0, v: 12, tags: { status: '200' } })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(counts).toEqual({ collects: 0, saves: 1 })
    await history.save()
    expect(counts).toEqual({ collects: 1, saves: 2 })
    stop?.()
  })

  it('collects before an idle save while lazy sources are still loading, so their samples are in it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const context = kernelContext()
    let loading = true
    const { counts, report } = countingReport(() => loading)
    const { source } = createHistory(context, report, {})
    const stop = source.start(context)
    context.emit({ key: 'web-vitals.TTFB', t: 0, v: 80, tags: {} })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(counts).toEqual({ collects: 1, saves: 1 })
    loading = false
    context.emit({ key: 'http.GET /api/items', t: 10_000, v: 12, tags: { status: '200' } })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(counts).toEqual({ collects: 1, saves: 2 })
    stop?.()
  })

  it('counts building the day record in its own time, under history', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const context = kernelContext()
    const report = {
      collect: async () => {},
      loading: () => false,
      reportState: () => {
        vi.setSystemTime(Date.now() + 7)
        return { snapshot: emptySnapshot(), requests: [] }
      },
    }
    const { history, source } = createHistory(context, report, {})
    const stop = source.start(context)
    await history.save()
    expect(context.guard.bySource.history).toBe(7)
    stop?.()
  })
})
