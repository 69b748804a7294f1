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
  return { guard: kernel.context.guard, recorder, fetch: target.fetch, restore: () => wrapped.restore() }
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

describe('interceptFetch() and the app’s promise', () => {
  it('hands the app the very promise native fetch returned, the call recorded before the app’s reactions run', async () => {
    const response = new Response('ok')
    const native = Promise.resolve(response)
    const { recorder, fetch, restore } = setUp(() => native)
    const returned = fetch('/api/items')
    expect(returned).toBe(native)
    const seen = await returned.then(() => recorder.requests.map((r) => r.phase))
    expect(seen).toEqual(['ended', 'ended'])
    restore()
  })

  it('keeps the app’s outcome, and adds no rejection of its own, when recording the call fails', async () => {
    const response = new Response('ok')
    const failure = new TypeError('Failed to fetch')
    const native = (url: string) => (url === '/ok' ? Promise.resolve(response) : Promise.reject(failure))
    const { guard, recorder, fetch, restore } = setUp(native as unknown as () => Promise<Response>)
    recorder.end = () => {
      throw new Error('recording failed')
    }
    await expect(fetch('/ok')).resolves.toBe(response)
    await expect(fetch('/down')).rejects.toBe(failure)
    expect(guard.recentErrors.map((e) => e.message)).toEqual(['Error: recording failed', 'Error: recording failed'])
    restore()
  })
})
