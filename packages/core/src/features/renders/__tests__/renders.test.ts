import { describe, expect, it } from 'vitest'
import { createMonitor } from '../../../createMonitor.ts'
import { MAX_RENDER_IDS } from '../renders.ts'

describe('monitor.recordRender()', () => {
  it('counts mounts and updates per id with their durations', async () => {
    const monitor = createMonitor({ sources: [] })
    monitor.start()
    monitor.recordRender('List', 'mount', 12, 14)
    monitor.recordRender('List', 'update', 3, 14)
    monitor.recordRender('List', 'nested-update', 5, 14)
    monitor.recordRender('Header', 'mount', 1, 1)
    await Promise.resolve()
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
    monitor.recordRender('A', 'mount', 1, 1)
    monitor.start()
    monitor.setFilter('renders', false)
    monitor.recordRender('B', 'mount', 1, 1)
    await Promise.resolve()
    expect(monitor.snapshot().renders).toEqual([])
    monitor.setFilter('renders', true)
    monitor.recordRender('C', 'mount', 1, 1)
    await Promise.resolve()
    expect(monitor.snapshot().renders.map((r) => r.id)).toEqual(['C'])
    monitor.stop()
  })

  it('keeps at most MAX_RENDER_IDS ids so memory stays bounded', async () => {
    const monitor = createMonitor({ sources: [] })
    monitor.start()
    for (let i = 0; i < MAX_RENDER_IDS + 50; i++) monitor.recordRender(`c${i}`, 'mount', 1, 1)
    await Promise.resolve()
    expect(monitor.snapshot().renders).toHaveLength(MAX_RENDER_IDS)
    monitor.stop()
  })
})
