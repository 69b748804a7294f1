import { describe, expect, it } from 'vitest'
import { NetworkCollector } from '../networkCollector.ts'
import { MAX_AWAITING_TIMING, type TimingEntry } from '../resourceTiming.ts'
import { BACKLOG_RECORDS, MAX_QUEUED_RECORDS, NetworkRecorder } from '../recorder.ts'
import { resolveNetworkOptions } from '../compiledNetworkOptions.ts'
import { kernelContext } from '../../../kernel/__tests__/kernelContext.ts'
import type { Sample } from '../../../types.ts'

function setUp(samples: Sample[] = []) {
  const context = kernelContext()
  context.onSample((s) => samples.push(s))
  const recorder = new NetworkRecorder(context, 0)
  const collector = new NetworkCollector(context, resolveNetworkOptions({}), recorder)
  return { context, recorder, collector }
}

describe('NetworkRecorder.locate()', () => {
  it("gives the URL parser's absolute URL for every form of request URL, fast path or not", () => {
    const { recorder } = setUp()
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
      expect([url, recorder.locate(url).href]).toEqual([url, new URL(url, document.baseURI).href])
    }
  })
})

describe('NetworkRecorder with a <base href>', () => {
  it('resolves paths against a base on another origin, and against the page origin for a base on its own', () => {
    const base = document.createElement('base')
    document.head.append(base)
    try {
      base.href = 'https://cdn.other.test/app/'
      const elsewhere = setUp().recorder.locate('/api/x')
      base.href = `${location.origin}/app/`
      const own = setUp().recorder.locate('/api/x')
      expect({ elsewhere, own }).toEqual({
        elsewhere: { href: 'https://cdn.other.test/api/x', sameOrigin: false, http: true },
        own: { href: `${location.origin}/api/x`, sameOrigin: true, http: true },
      })
    } finally {
      base.remove()
    }
  })
})

describe('NetworkCollector', () => {
  it('keys and tags one sample per finished request, when it folds the queue', () => {
    const samples: Sample[] = []
    const { recorder, collector } = setUp(samples)
    const record = recorder.begin('fetch', 'GET', recorder.locate('/api/users/7?x=1'), false, 10)
    record.duration = 5
    record.status = 200
    recorder.end(record)
    expect(samples).toEqual([])
    collector.drain()
    expect(samples).toEqual([
      { key: 'http.GET /api/users/:id', t: 10, v: 5, tags: { status: '200', kind: 'ok', api: 'fetch' } },
    ])
  })

  it('counts a call folded while in flight once it ends, and forgets one abandoned', () => {
    const { context, recorder, collector } = setUp()
    const running = recorder.begin('fetch', 'GET', recorder.locate('/api/a'), false, 1)
    const refused = recorder.begin('xhr', 'GET', recorder.locate('/api/a'), false, 2)
    collector.flush()
    expect(context.read().endpoints.map((e) => [e.key, e.inFlight, e.count])).toEqual([['GET /api/a', 2, 0]])
    recorder.abandon(refused)
    running.duration = 3
    running.status = 500
    recorder.end(running)
    collector.flush()
    expect(context.read().endpoints.map((e) => [e.key, e.inFlight, e.count, e.errors])).toEqual([
      ['GET /api/a', 0, 1, 1],
    ])
  })

  it('keeps the newest records when the queue is full before the collector drains, and shows the dropped in the errors', () => {
    const { context, recorder, collector } = setUp()
    const at = recorder.locate('/api/loop')
    const calls = MAX_QUEUED_RECORDS + 10
    for (let i = 0; i < calls; i++) {
      const record = recorder.begin('fetch', 'GET', at, false, i)
      record.status = 200
      recorder.end(record)
    }
    // Each call is queued at its start and at its end; nothing is lost uncounted.
    expect(recorder.requests.length).toBeLessThanOrEqual(MAX_QUEUED_RECORDS)
    expect(recorder.requests.length + recorder.dropped).toBe(2 * calls)
    expect(recorder.requests.at(-1)!.start).toBe(calls - 1)
    expect(context.guard.recentErrors.map((e) => e.message)).toEqual(
      Array.from({ length: recorder.dropped / (MAX_QUEUED_RECORDS / 2) }, () =>
        expect.stringMatching(/dropped 1000 request records/),
      ),
    )
    const kept = recorder.requests.length
    collector.flush()
    const [entry] = context.read().endpoints
    expect(entry!.count).toBe(kept / 2)
    expect(entry!.inFlight).toBe(0)
  })

  it('asks for a drain at the next turn when a burst fills the queue', async () => {
    const samples: Sample[] = []
    const { recorder, collector } = setUp(samples)
    recorder.attach(collector)
    const at = recorder.locate('/api/burst')
    for (let i = 0; i < BACKLOG_RECORDS; i++) recorder.end(recorder.begin('fetch', 'GET', at, false, i))
    expect(samples).toHaveLength(0)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(samples).toHaveLength(BACKLOG_RECORDS)
    expect(recorder.requests).toHaveLength(0)
    collector.flush()
  })

  it('matches resource-timing entries with the next publish, and every request’s entry at any request rate', () => {
    const { context, recorder, collector } = setUp()
    const at = recorder.locate('/api/fast')
    const entry = (start: number): TimingEntry => ({
      name: at.href,
      initiatorType: 'fetch',
      startTime: start,
      domainLookupStart: start,
      domainLookupEnd: start,
      connectStart: start,
      connectEnd: start,
      requestStart: start + 1,
      responseStart: start + 3,
      responseEnd: start + 4,
      encodedBodySize: 10,
    })
    // Far more requests than the matcher holds while they wait for their entries, each entry in its own callback.
    const calls = 4 * MAX_AWAITING_TIMING
    for (let i = 0; i < calls; i++) {
      const record = recorder.begin('fetch', 'GET', at, false, i * 10)
      record.duration = 4
      record.status = 200
      recorder.end(record)
      collector.timingEntries([entry(i * 10)])
    }
    collector.flush()
    const [endpoint] = context.read().endpoints
    expect(endpoint!.count).toBe(calls)
    expect(endpoint!.timing).toMatchObject({ matched: calls, unavailable: 0, ttfb: { count: calls, p50: 2 } })
  })

  it('folds two seconds of polling at 20 requests a second, entries included, into one batch of samples', () => {
    const { context, recorder, collector } = setUp()
    const batches: number[] = []
    context.onSamples((samples) => batches.push(samples.length))
    const at = recorder.locate('/api/poll')
    for (let i = 0; i < 40; i++) {
      const record = recorder.begin('fetch', 'GET', at, false, i * 50)
      record.duration = 4
      record.status = 200
      recorder.end(record)
      collector.timingEntries([
        {
          name: at.href,
          initiatorType: 'fetch',
          startTime: i * 50,
          domainLookupStart: 0,
          domainLookupEnd: 0,
          connectStart: 0,
          connectEnd: 0,
          requestStart: i * 50 + 1,
          responseStart: i * 50 + 3,
          responseEnd: i * 50 + 4,
          encodedBodySize: 10,
        },
      ])
    }
    expect(batches).toEqual([])
    collector.flush()
    expect(batches).toEqual([40])
    expect(context.read().endpoints[0]!.timing).toMatchObject({ matched: 40 })
  })

  it('reads a fetch response’s headers and an XHR’s header text when it folds them', () => {
    const samples: Sample[] = []
    const { context, recorder, collector } = setUp(samples)
    const fetched = recorder.begin('fetch', 'GET', recorder.locate('/api/f'), false, 0)
    fetched.status = 404
    fetched.response = new Headers({ 'content-length': '12', 'server-timing': 'db;dur=4' })
    recorder.end(fetched)
    const sent = recorder.begin('xhr', 'GET', recorder.locate('/api/x'), false, 0)
    sent.status = 200
    sent.rawHeaders = 'content-length: 30\r\nserver-timing: app;dur=2\r\n'
    recorder.end(sent)
    collector.flush()
    const byKey = Object.fromEntries(context.read().endpoints.map((e) => [e.key, e]))
    expect(byKey['GET /api/f']!.bytes).toBe(12)
    expect(byKey['GET /api/f']!.errors).toBe(1)
    expect(byKey['GET /api/f']!.serverTiming?.map((m) => m.name)).toEqual(['db'])
    expect(byKey['GET /api/x']!.bytes).toBe(30)
    expect(byKey['GET /api/x']!.serverTiming?.map((m) => m.name)).toEqual(['app'])
    expect(fetched.response).toBeNull()
    expect(sent.rawHeaders).toBeNull()
  })

  it('tells a reconnect from a second connection to the same key, whatever order the folds come in', () => {
    const { context, recorder, collector } = setUp()
    const first = recorder.connect('websocket', 'ws://localhost/live', 0)
    collector.drain()
    // A second socket opens while the first is still up, and the first closes afterwards: no reconnect.
    const second = recorder.connect('websocket', 'ws://localhost/live', 10)
    first.end(20)
    recorder.touched(first)
    // A third socket after the first closed: a reconnect.
    recorder.connect('websocket', 'ws://localhost/live', 30)
    second.messagesIn += 3
    recorder.touched(second)
    collector.flush()
    const [channel] = context.read().channels
    expect([channel!.connects, channel!.reconnects, channel!.messagesIn]).toEqual([3, 1, 3])
  })
})
