import { describe, expect, it } from 'vitest'
import { NetworkCollector } from '../networkCollector.ts'
import { resolveNetworkOptions } from '../networkOptions.ts'
import { kernelContext } from '../../../kernel/__tests__/kernelContext.ts'
import type { Sample } from '../../../types.ts'

function collector(samples: Sample[] = []): NetworkCollector {
  const context = kernelContext()
  context.onSample((s) => samples.push(s))
  return new NetworkCollector(context, resolveNetworkOptions({}))
}

describe('NetworkCollector.target()', () => {
  it("gives the URL parser's absolute URL for every form of request URL, fast path or not", () => {
    const c = collector()
    const urls = [
      '/api/users/12?page=2&q=a,b',
      '/api/a%20b/c?x=%zz',
      '/a/./b/../c',
      '/a b?c d',
      "/q?it's",
      '//other.test/x',
      '/\\\\x',
      'relative/path?x=1',
      '/.well-known/x',
      '/api/users/12#frag',
      'https://other.test/v1/items/42?token=t',
    ]
    for (const url of urls) {
      expect([url, c.target(url).href]).toEqual([url, new URL(url, document.baseURI).href])
    }
  })

  it('keys and tags one sample per finished request', () => {
    const samples: Sample[] = []
    const c = collector(samples)
    const record = c.begin('fetch', 'GET', c.target('/api/users/7?x=1'), false, 10)
    record.duration = 5
    record.status = 200
    c.end(record)
    expect(samples).toEqual([
      { key: 'http.GET /api/users/:id', t: 10, v: 5, tags: { status: '200', kind: 'ok', api: 'fetch' } },
    ])
  })
})
