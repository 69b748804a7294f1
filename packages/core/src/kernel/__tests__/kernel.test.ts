import { describe, expect, it, vi } from 'vitest'
import { resolveFilters } from '../filters.ts'
import { createKernel, MAX_EARLY_SAMPLES } from '../kernel.ts'
import { lazySource } from '../lazySource.ts'
import type { MonitorContext, Source } from '../source.ts'
import type { Sample } from '../../types.ts'

const kernel = () =>
  createKernel({ filters: resolveFilters(undefined), includeInternal: false, slices: { endpoints: [] } })
const sample = (v: number): Sample => ({ key: 'http.GET /x', t: v, v })
const idle = () => new Promise((resolve) => setTimeout(resolve, 50))

describe('createKernel()', () => {
  it('keeps the errors slice when only the overhead moved, and replaces it when an error came', async () => {
    const k = kernel()
    const before = k.snapshot().errors
    k.context.guard.run('test', () => 1)
    // Overhead rides on the next publish.
    k.context.publish({ endpoints: [] })
    await Promise.resolve()
    expect(k.snapshot().overhead.calls).toBe(1)
    expect(k.snapshot().errors).toBe(before)
    k.context.guard.run('test', () => {
      throw new Error('boom')
    })
    await Promise.resolve()
    expect(k.snapshot().errors).toMatchObject({ count: 1, recent: [{ source: 'test', message: 'Error: boom' }] })
  })

  it('reads includeInternal from the snapshot, the one place it is kept', () => {
    const k = kernel()
    expect(k.context.settings.includeInternal).toBe(false)
    k.setIncludeInternal(true)
    expect(k.context.settings.includeInternal).toBe(true)
    expect(k.snapshot().includeInternal).toBe(true)
  })

  it('lets a source subscribe to a selected part of the state', async () => {
    const k = kernel()
    const seen: number[] = []
    k.context.subscribe(
      (s) => s.endpoints.length,
      (n) => seen.push(n),
    )
    k.context.publish({ endpoints: [] })
    await Promise.resolve()
    k.context.publish({ endpoints: [{ key: 'GET /x' } as never] })
    await Promise.resolve()
    expect(seen).toEqual([1])
  })

  it('replays the samples a late source missed while it was held, bounded, and none once released', () => {
    const k = kernel()
    const release = k.context.holdEarlySamples()
    for (let i = 0; i < MAX_EARLY_SAMPLES + 5; i++) k.context.emit(sample(i))
    const replayed: number[] = []
    k.context.onSample((s) => replayed.push(s.v), true)
    expect(replayed).toHaveLength(MAX_EARLY_SAMPLES)
    expect(replayed[0]).toBe(5)
    release()
    const late: number[] = []
    k.context.onSample((s) => late.push(s.v), true)
    k.context.emit(sample(-1))
    expect(late).toEqual([-1])
  })

  it('hands a batch of samples to each listener in one call, and to a per-sample listener one by one', () => {
    const k = kernel()
    const release = k.context.holdEarlySamples()
    k.context.emitAll([sample(1), sample(2)])
    const batches: number[][] = []
    k.context.onSamples((samples) => batches.push(samples.map((s) => s.v)), true)
    k.context.emitAll([sample(3), sample(4), sample(5)])
    expect(batches).toEqual([
      [1, 2],
      [3, 4, 5],
    ])
    const single: number[] = []
    k.context.onSample((s) => {
      if (s.v === 6) throw new Error('listener failed')
      single.push(s.v)
    })
    k.context.emitAll([sample(6), sample(7)])
    // The failure on one sample is counted and the listener still gets the rest of its batch.
    expect(single).toEqual([7])
    expect(k.context.guard.errorCount).toBe(1)
    release()
  })
})

describe('Kernel.collect()', () => {
  it('runs what each source registered, caught, and nothing once it is removed', () => {
    const k = kernel()
    const seen: string[] = []
    const off = k.context.onCollect(() => {
      seen.push('network')
    })
    k.context.onCollect(() => {
      throw new Error('broken collector')
    })
    void k.collect()
    off()
    void k.collect()
    expect(seen).toEqual(['network'])
    expect(k.snapshot().errors.count).toBe(2)
  })

  it('loads a lazy source at once and waits for what it folds when asked before its idle moment', async () => {
    const k = kernel()
    const queued = [1, 2]
    const inner: Source = {
      name: 'late',
      metric: null,
      start: (context) => context.onCollect(() => queued.splice(0).forEach((v) => context.emit(sample(v)))),
    }
    const got: number[] = []
    k.onSample((s) => got.push(s.v))
    k.addSources([lazySource('late', null, async () => inner)])
    k.start()
    await k.collect()
    expect(got).toEqual([1, 2])
    queued.push(3)
    await k.collect()
    expect(got).toEqual([1, 2, 3])
  })

  it('settles when a lazy source cannot load, with the failure in the errors', async () => {
    const k = kernel()
    k.addSources([lazySource('broken', null, () => Promise.reject(new Error('chunk gone')))])
    k.start()
    await k.collect()
    expect(k.snapshot().errors).toMatchObject({ count: 1, recent: [{ source: 'broken' }] })
  })
})

describe('lazySource()', () => {
  it('starts the loaded source at the first idle moment with every sample emitted before it, loading until then', async () => {
    const k = kernel()
    const got: number[] = []
    const inner: Source = {
      name: 'late',
      metric: null,
      start: (context: MonitorContext) => context.onSample((s) => got.push(s.v)),
    }
    k.addSources([lazySource('late', null, async () => inner)])
    expect(k.loading).toBe(false)
    k.start()
    expect(k.loading).toBe(true)
    k.context.emit(sample(1))
    k.context.emit(sample(2))
    expect(got).toEqual([])
    await idle()
    expect(k.loading).toBe(false)
    k.context.emit(sample(3))
    expect(got).toEqual([1, 2, 3])
    k.stop()
    k.context.emit(sample(4))
    expect(got).toEqual([1, 2, 3])
  })

  it('never starts a source whose monitor stopped before its code arrived', async () => {
    const k = kernel()
    let started = false
    k.addSources([
      lazySource('late', null, async () => ({ name: 'late', metric: null, start: () => ((started = true), () => {}) })),
    ])
    k.start()
    k.stop()
    await idle()
    expect(started).toBe(false)
  })

  it('waits for one idle callback however many lazy sources start, and each still loads once', async () => {
    const k = kernel()
    const loads: string[] = []
    const late = (name: string) =>
      lazySource(name, null, async () => {
        loads.push(name)
        return { name, metric: null, start: () => () => {} }
      })
    const register = vi.fn((run: () => void) => setTimeout(run, 0))
    vi.stubGlobal('requestIdleCallback', register)
    k.addSources(['a', 'b', 'c', 'd'].map(late))
    k.start()
    expect(register).toHaveBeenCalledTimes(1)
    await idle()
    vi.unstubAllGlobals()
    expect(loads).toEqual(['a', 'b', 'c', 'd'])
    k.stop()
  })

  it('does not load a lazy source stopped before the shared idle moment, and loads the others', async () => {
    const ka = kernel()
    const kb = kernel()
    const loads: string[] = []
    const late = (name: string) =>
      lazySource(name, null, async () => {
        loads.push(name)
        return { name, metric: null, start: () => () => {} }
      })
    ka.addSources([late('stopped')])
    kb.addSources([late('running')])
    ka.start()
    kb.start()
    ka.stop()
    await idle()
    expect(loads).toEqual(['running'])
    kb.stop()
  })

  it('reports a chunk that cannot load in the errors and keeps the rest running', async () => {
    const k = kernel()
    k.addSources([
      lazySource('broken', null, () => Promise.reject(new Error('Failed to fetch dynamically imported module'))),
    ])
    k.start()
    await idle()
    expect(k.snapshot().errors).toMatchObject({ count: 1, recent: [{ source: 'broken' }] })
    expect(k.running).toBe(true)
    expect(k.loading).toBe(false)
  })
})
