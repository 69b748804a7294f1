import { describe, expect, it, vi } from 'vitest'
import { createMonitor } from '../createMonitor.ts'
import { PerfscopeOptionError } from '../kernel/options.ts'
import type { Source } from '../kernel/source.ts'

function fakeSource(name: string, metric: Source['metric'] = 'memory') {
  const stop = vi.fn()
  const source: Source & { started: number } = {
    name,
    metric,
    started: 0,
    start(context) {
      source.started++
      context.emit({ key: name, t: 1, v: 2 })
      return stop
    },
  }
  return { source, stop }
}

describe('createMonitor()', () => {
  it('starts nothing until start() is called', () => {
    const { source } = fakeSource('a')
    const monitor = createMonitor({ sources: [source] })
    expect(source.started).toBe(0)
    expect(monitor.snapshot().running).toBe(false)
  })

  it('starts each enabled source once, even when start() is called twice', () => {
    const { source } = fakeSource('a')
    const monitor = createMonitor({ sources: [source] })
    monitor.start()
    monitor.start()
    expect(source.started).toBe(1)
    expect(monitor.snapshot().running).toBe(true)
  })

  it('does not collect a metric that is switched off', () => {
    const { source } = fakeSource('a', 'memory')
    const monitor = createMonitor({ sources: [source], metrics: { memory: false } })
    monitor.start()
    expect(source.started).toBe(0)
  })

  it('stops and restarts a source when its filter changes at run time', () => {
    const { source, stop } = fakeSource('a', 'memory')
    const monitor = createMonitor({ sources: [source] })
    monitor.start()
    monitor.setFilter('memory', false)
    expect(stop).toHaveBeenCalledTimes(1)
    expect(monitor.snapshot().filters.memory).toBe(false)
    monitor.setFilter('memory', true)
    expect(source.started).toBe(2)
  })

  it('refuses a filter for an unknown metric or without a boolean, as the metrics option does, and changes nothing', () => {
    const monitor = createMonitor({ sources: [] })
    const before = monitor.snapshot().filters
    expect(() => monitor.setFilter('heap' as never, false)).toThrow(/option "metrics.heap" is not a metric \(known: /)
    expect(() => monitor.setFilter('__proto__' as never, false)).toThrow(/option "metrics.__proto__" is not a metric/)
    expect(() => monitor.setFilter('memory', 'no' as never)).toThrow(
      /option "metrics.memory" must be a boolean, got the string "no"/,
    )
    expect(() => monitor.setFilter('memory', undefined as never)).toThrow(/option "metrics.memory" is required/)
    expect(monitor.snapshot().filters).toBe(before)
  })

  it('switches counting of its own and load-test requests at run time, starting from network.includeInternal', () => {
    const seen: boolean[] = []
    const source: Source = {
      name: 'probe',
      metric: 'network',
      start: (context) => () => seen.push(context.settings.includeInternal),
    }
    const monitor = createMonitor({ sources: [source], network: { includeInternal: true } })
    expect(monitor.snapshot().includeInternal).toBe(true)
    monitor.setIncludeInternal(false)
    expect(monitor.snapshot().includeInternal).toBe(false)
    monitor.start()
    monitor.stop()
    expect(seen).toEqual([false])
    expect(() => monitor.setIncludeInternal('yes' as never)).toThrow(
      /option "includeInternal" must be a boolean, got the string "yes"/,
    )
    expect(monitor.snapshot().includeInternal).toBe(false)
  })

  it('undoes every source on stop()', () => {
    const a = fakeSource('a')
    const b = fakeSource('b', 'frames')
    const monitor = createMonitor({ sources: [a.source, b.source] })
    monitor.start()
    monitor.stop()
    expect(a.stop).toHaveBeenCalledTimes(1)
    expect(b.stop).toHaveBeenCalledTimes(1)
    expect(monitor.snapshot().running).toBe(false)
  })

  it('catches, counts and shows an exception thrown by a source', () => {
    const broken: Source = {
      name: 'broken',
      metric: 'memory',
      start() {
        throw new Error('boom')
      },
    }
    const monitor = createMonitor({ sources: [broken] })
    expect(() => monitor.start()).not.toThrow()
    const { errors } = monitor.snapshot()
    expect(errors.count).toBe(1)
    expect(errors.recent[0]).toMatchObject({ source: 'broken', message: 'Error: boom' })
  })

  it('coalesces published changes into one store update per microtask', async () => {
    const monitor = createMonitor({
      sources: [
        {
          name: 'chatty',
          metric: 'memory',
          start(context) {
            for (let i = 0; i < 100; i++) context.publish({ routes: [] })
            return () => {}
          },
        },
      ],
    })
    const listener = vi.fn()
    monitor.subscribe(listener)
    monitor.start()
    await Promise.resolve()
    expect(listener).toHaveBeenCalledTimes(1)
  })

  it('calls a selector subscriber only when its slice changes', async () => {
    const monitor = createMonitor({ sources: [] })
    const onFilters = vi.fn()
    monitor.subscribe((s) => s.filters, onFilters)
    monitor.start()
    await Promise.resolve()
    expect(onFilters).not.toHaveBeenCalled()
    monitor.setFilter('frames', false)
    expect(onFilters).toHaveBeenCalledTimes(1)
  })

  it('sends emitted samples to sample listeners', () => {
    const { source } = fakeSource('a')
    const monitor = createMonitor({ sources: [source] })
    const samples: unknown[] = []
    monitor.onSample((s) => samples.push(s))
    monitor.start()
    expect(samples).toEqual([{ key: 'a', t: 1, v: 2 }])
  })

  it('keeps the snapshot JSON-serialisable', () => {
    const monitor = createMonitor({ sources: [] })
    monitor.start()
    const snapshot = monitor.snapshot()
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot)
  })

  it.each([
    [{ metrics: { memory: 'yes' } }, 'option "metrics.memory" must be a boolean, got the string "yes"'],
    [{ metrics: { heap: true } }, 'option "metrics.heap" is not a metric'],
    [{ metrics: [] }, 'option "metrics" must be an object'],
    ['fast', 'option "options" must be an object'],
  ])('rejects options of the wrong type with a clear error (%j)', (options, message) => {
    expect(() => createMonitor(options as never)).toThrow(PerfscopeOptionError)
    expect(() => createMonitor(options as never)).toThrow(message)
  })
})

describe('monitor.watch()', () => {
  it('tells sources when the first watch starts and the last one ends', () => {
    const changes: boolean[] = []
    const monitor = createMonitor({
      sources: [
        {
          name: 'frames',
          metric: 'frames',
          start(context) {
            return context.onWatchChange((watched) => changes.push(watched))
          },
        },
      ],
    })
    monitor.start()
    const a = monitor.watch()
    const b = monitor.watch()
    a()
    a()
    b()
    expect(changes).toEqual([true, false])
  })
})
