import { afterEach, describe, expect, it, vi } from 'vitest'
import { resolveFilters } from '../../../kernel/filters.ts'
import { createKernel } from '../../../kernel/kernel.ts'
import type { EndpointStats } from '../../../types.ts'
import { resolveLoadOptions } from '../loadOptions.ts'
import { createLoadSimulator, type LoadSimulator } from '../loadSimulator.ts'
import { PRESET_NAMES } from '../presets.ts'
import type { LoadScenario } from '../scenario.ts'

function simulator() {
  const kernel = createKernel({
    filters: resolveFilters(undefined),
    includeInternal: false,
    slices: { endpoints: [], load: null },
  })
  kernel.start()
  return { kernel, load: createLoadSimulator(kernel.context, resolveLoadOptions(undefined), () => kernel.running) }
}

const scenario: LoadScenario = {
  executor: 'constant-arrival-rate',
  rate: 5,
  durationMs: 1000,
  requests: [{ url: '/api/items' }],
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('createLoadSimulator()', () => {
  it('resolves presets() with every preset over the GET endpoints seen, High user load first', async () => {
    const { kernel, load } = simulator()
    const seen = { key: 'GET /api/items', count: 3, lastUrl: `${location.origin}/api/items?page` }
    kernel.context.publish({ endpoints: [seen as unknown as EndpointStats] })
    const presets = await load.presets()
    expect(presets.map((p) => p.name)).toEqual(PRESET_NAMES)
    expect(presets[0]!.scenario).toMatchObject({
      name: 'High user load',
      users: 10,
      requests: [{ method: 'GET', url: `${location.origin}/api/items`, weight: 3 }],
    })
  })

  it.each<[string, (load: LoadSimulator) => void, string]>([
    ['stop()', (load) => load.stop('changed my mind'), 'changed my mind'],
    ['the page closing', () => window.dispatchEvent(new Event('pagehide')), 'the page was closed'],
  ])('ends a run stopped by %s while its engine loads before it sends anything', async (_, stop, reason) => {
    const fetch = vi.spyOn(globalThis, 'fetch')
    const { kernel, load } = simulator()
    const done = load.run(scenario)
    expect(load.active).toBe(true)
    await expect(load.run(scenario)).rejects.toThrow(/is refused: run-\S+ is still active \(one run at a time\)/)
    stop(load)
    await expect(done).resolves.toMatchObject({ status: 'stopped', reason, requests: 0 })
    expect(fetch).not.toHaveBeenCalled()
    expect({ active: load.active, timers: load.pendingTimers }).toEqual({ active: false, timers: 0 })
    expect(kernel.snapshot().load).toMatchObject({ active: null, last: { status: 'stopped', reason } })
  })

  it('refuses a scenario the engine finds bad with the error published, and is free for the next run', async () => {
    const { kernel, load } = simulator()
    await expect(load.run({ ...scenario, rate: -1 })).rejects.toMatchObject({
      name: 'LoadScenarioError',
      field: 'rate',
    })
    expect(kernel.context.read().load?.error).toMatch(/^perfscope load: rate /)
    expect(load.active).toBe(false)
    const done = load.run(scenario)
    load.stop()
    await expect(done).resolves.toMatchObject({ status: 'stopped', reason: 'emergency stop' })
  })
})
