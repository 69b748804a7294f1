import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { NetworkFault } from '../faultInjection.ts'
import { RequestHooks, type OutgoingRequest } from '../../../kernel/requestHooks.ts'

const request: OutgoingRequest = {
  url: 'http://localhost/api',
  method: 'GET',
  sameOrigin: true,
  mode: undefined,
  keepalive: false,
  internal: false,
}
const response = new Response('ok')

describe('NetworkFault', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('sends after latency ± jitter, and fails the drawn share without sending', async () => {
    const draws = [0.9, 1, 0.1, 0]
    const fault = new NetworkFault({ latencyMs: 100, jitterMs: 50, failureRate: 0.5, random: () => draws.shift()! })
    const send = vi.fn(() => Promise.resolve(response))
    const fail = vi.fn((error: unknown) => Promise.reject(error))
    const sent = fault.fetch(request, undefined, send, fail)
    const failed = fault.fetch(request, undefined, send, fail).catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(50)
    expect(send).not.toHaveBeenCalled()
    expect(await failed).toEqual(new TypeError('Failed to fetch'))
    expect(send).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(100)
    expect(await sent).toBe(response)
    expect(send).toHaveBeenCalledTimes(1)
    expect({ delayed: fault.delayed, failed: fault.failed, pending: fault.pending }).toEqual({
      delayed: 2,
      failed: 1,
      pending: 0,
    })
  })

  it('sends at once when the app aborts during the delay, and sends every waiting call on release', async () => {
    const fault = new NetworkFault({ latencyMs: 10_000, jitterMs: 0, failureRate: 1, random: () => 0 })
    const send = vi.fn(() => Promise.resolve(response))
    const fail = vi.fn((error: unknown) => Promise.reject(error))
    const controller = new AbortController()
    const aborted = fault.fetch(request, controller.signal, send, fail)
    const waiting = fault.fetch(request, undefined, send, fail)
    controller.abort()
    await aborted
    expect(send).toHaveBeenCalledTimes(1)
    fault.release()
    expect(await waiting).toBe(response)
    expect(fail).not.toHaveBeenCalled()
    expect(fault.pending).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    await fault.fetch(request, undefined, send, fail)
    expect(send).toHaveBeenCalledTimes(3)
  })
})

describe('RequestHooks.injectFault()', () => {
  it('holds one fault at a time and removes only its own', () => {
    const hooks = new RequestHooks({ report: () => {} })
    expect(hooks.fault).toBeNull()
    const fault = new NetworkFault({ latencyMs: 1, jitterMs: 0, failureRate: 0, random: Math.random })
    const remove = hooks.injectFault(fault)
    expect(() => hooks.injectFault(fault)).toThrow(/already active/)
    remove()
    expect(hooks.fault).toBeNull()
    const again = hooks.injectFault(fault)
    remove()
    expect(hooks.fault).toBe(fault)
    again()
    expect(hooks.fault).toBeNull()
  })
})
