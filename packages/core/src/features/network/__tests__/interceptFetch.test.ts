import { describe, expect, it } from 'vitest'
import { resolveFilters } from '../../../kernel/filters.ts'
import { createKernel } from '../../../kernel/kernel.ts'
import { interceptFetch } from '../interceptFetch.ts'
import { NetworkRecorder } from '../recorder.ts'

function setUp(native: () => Promise<Response>) {
  const kernel = createKernel({
    filters: resolveFilters(undefined),
    includeInternal: false,
    slices: { endpoints: [], channels: [] },
  })
  const recorder = new NetworkRecorder(kernel.context, 0)
  const target = { fetch: native } as unknown as typeof globalThis
  const wrapped = interceptFetch(target, recorder)
  return { guard: kernel.context.guard, fetch: target.fetch, restore: () => wrapped.restore() }
}

describe('interceptFetch() overhead', () => {
  it('counts its own time once for the call and once for the response, never twice', async () => {
    const { guard, fetch, restore } = setUp(async () => new Response('ok'))
    await fetch('/api/items')
    expect(guard.calls).toBe(2)
    restore()
  })

  it('counts its own time once for the call and once for a failure', async () => {
    const { guard, fetch, restore } = setUp(() => Promise.reject(new TypeError('Failed to fetch')))
    await expect(fetch('/api/items')).rejects.toThrow('Failed to fetch')
    expect(guard.calls).toBe(2)
    restore()
  })
})
