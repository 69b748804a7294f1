import { describe, expect, it, vi } from 'vitest'
import { RequestHooks, type FinishedRequest } from '../requestHooks.ts'

const finished: FinishedRequest = {
  request: {
    url: 'https://app.test/api',
    method: 'GET',
    sameOrigin: true,
    mode: undefined,
    keepalive: false,
    internal: false,
  },
  added: { 'x-spy': '1' },
  status: 200,
  ok: true,
}

describe('RequestHooks.finished()', () => {
  it('reports a listener that throws under the source that registered it, and still tells the others', () => {
    const report = vi.fn()
    const hooks = new RequestHooks({ report })
    const failure = new Error('listener broke')
    const after = vi.fn()
    hooks.onFinished('transport', () => {
      throw failure
    })
    hooks.onFinished('spy', after)
    expect(() => hooks.finished(finished)).not.toThrow()
    expect(report).toHaveBeenCalledWith('transport', failure)
    expect(after).toHaveBeenCalledWith(finished)
  })

  it('stops telling a listener once it is removed', () => {
    const hooks = new RequestHooks({ report: () => {} })
    const listener = vi.fn()
    const off = hooks.onFinished('spy', listener)
    hooks.finished(finished)
    off()
    hooks.finished(finished)
    expect(listener).toHaveBeenCalledTimes(1)
  })
})
