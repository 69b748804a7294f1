import { describe, expect, it, vi } from 'vitest'
import { createMonitor } from '../../../createMonitor.ts'
import { MAX_RENDER_IDS } from '../renders.ts'

describe('monitor.renders.record()', () => {
  it('counts mounts and updates per id with their durations', async () => {
    const monitor = createMonitor({ sources: [] })
    monitor.start()
    monitor.renders.record('List', 'mount', 12, 14)
    monitor.renders.record('List', 'update', 3, 14)
    monitor.renders.record('List', 'nested-update', 5, 14)
    monitor.renders.record('Header', 'mount', 1, 1)
    // Recorded at once; the statistics load at the first idle moment and take what was recorded before.
    await vi.waitFor(() => expect(monitor.snapshot().renders).toHaveLength(2))
    const renders = monitor.snapshot().renders
    const list = renders.find((r) => r.id === 'List')!
    expect(list).toMatchObject({ mounts: 1, updates: 2, totalMs: 20, lastMs: 5, lastBaseMs: 14 })
    expect(list.mount.count).toBe(1)
    expect(list.update.max).toBeCloseTo(5, 1)
    expect(renders.map((r) => r.id).sort()).toEqual(['Header', 'List'])
    monitor.stop()
  })

  it('records nothing while stopped or while the renders metric is off', async () => {
    const monitor = createMonitor({ sources: [] })
    monitor.renders.record('A', 'mount', 1, 1)
    monitor.start()
    monitor.setFilter('renders', false)
    monitor.renders.record('B', 'mount', 1, 1)
    await Promise.resolve()
    expect(monitor.snapshot().renders).toEqual([])
    monitor.setFilter('renders', true)
    monitor.renders.record('C', 'mount', 1, 1)
    await vi.waitFor(() => expect(monitor.snapshot().renders.map((r) => r.id)).toEqual(['C']))
    monitor.stop()
  })

  it('keeps at most MAX_RENDER_IDS ids so memory stays bounded', async () => {
    const monitor = createMonitor({ sources: [] })
    monitor.start()
    for (let i = 0; i < MAX_RENDER_IDS + 50; i++) monitor.renders.record(`c${i}`, 'mount', 1, 1)
    await vi.waitFor(() => expect(monitor.snapshot().renders).toHaveLength(MAX_RENDER_IDS))
    monitor.stop()
  })
})
