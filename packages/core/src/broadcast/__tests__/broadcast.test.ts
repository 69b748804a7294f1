import { afterEach, describe, expect, it } from 'vitest'
import { createMonitor } from '../../createMonitor.ts'
import { emptySummary } from '../../stats/emptySummary.ts'
import type { EndpointStats } from '../../types.ts'
import { mergeTabs } from '../mergeTabs.ts'
import { MAX_SNAPSHOT_CHARS, MAX_TABS, TAB_PROTOCOL_VERSION, type SharedTab, type TabMessage } from '../protocol.ts'
import { encodeShared, shareSnapshots } from '../shareSnapshots.ts'
import { watchTabs } from '../watchTabs.ts'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

let channelName = 0
/** A fresh channel name per test, so tests never hear each other. */
const nextChannel = () => `perfscope:test:${++channelName}`

/** A raw channel that records every message, and can post as anyone. */
function spy(channel: string) {
  const bc = new BroadcastChannel(channel)
  const seen: TabMessage[] = []
  bc.onmessage = (e: MessageEvent) => seen.push(e.data as TabMessage)
  cleanups.push(() => bc.close())
  return { seen, post: (m: unknown) => bc.postMessage(m), types: () => seen.map((m) => m.type) }
}

const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms))

function endpoint(key: string, count: number, p95: number): EndpointStats {
  return {
    key,
    count,
    rate: count / 60,
    errors: 0,
    errorRate: 0,
    latency: { ...emptySummary(), count, p50: p95 / 2, p95, max: p95 },
    bytes: 0,
    lastStatus: 200,
    health: 'healthy',
    runaway: { active: false, reason: null },
  }
}

function share(channel: string) {
  const monitor = createMonitor({ sources: [] })
  cleanups.push(shareSnapshots(monitor, { channel }))
  return monitor
}

describe('shareSnapshots()', () => {
  it('announces itself and sends no snapshot while no page listens', async () => {
    const channel = nextChannel()
    const wire = spy(channel)
    const monitor = share(channel)
    monitor.store.setState({ endpoints: [endpoint('GET /api/items', 3, 40)] })
    await expect.poll(() => wire.types()).toEqual(['announce'])
    await settle(200)
    expect(wire.types()).toEqual(['announce'])
  })

  it('publishes to a page that said hello, and stops once it leaves', async () => {
    const channel = nextChannel()
    const wire = spy(channel)
    const monitor = share(channel)
    wire.post({ v: TAB_PROTOCOL_VERSION, type: 'hello', page: 'p1' })
    await expect.poll(() => wire.seen.filter((m) => m.type === 'snapshot').length).toBe(1)
    wire.post({ v: TAB_PROTOCOL_VERSION, type: 'leave', page: 'p1' })
    await settle()
    monitor.store.setState({ endpoints: [endpoint('GET /api/items', 3, 40)] })
    await settle(1100)
    expect(wire.seen.filter((m) => m.type === 'snapshot')).toHaveLength(1)
  })

  it('makes the monitor watched while a page listens, so the page gets the live pace, and not after it left', async () => {
    const channel = nextChannel()
    const wire = spy(channel)
    const watched: boolean[] = []
    const monitor = createMonitor({
      sources: [{ name: 'probe', metric: null, start: (context) => context.onWatchChange((on) => watched.push(on)) }],
    })
    monitor.start()
    cleanups.push(shareSnapshots(monitor, { channel }), () => monitor.stop())
    wire.post({ v: TAB_PROTOCOL_VERSION, type: 'hello', page: 'p1' })
    await expect.poll(() => watched).toEqual([true])
    wire.post({ v: TAB_PROTOCOL_VERSION, type: 'leave', page: 'p1' })
    await expect.poll(() => watched).toEqual([true, false])
  })

  it('sends the next snapshot only after an ack, at most once a second', async () => {
    const channel = nextChannel()
    const wire = spy(channel)
    const monitor = share(channel)
    wire.post({ v: TAB_PROTOCOL_VERSION, type: 'hello', page: 'p1' })
    await expect.poll(() => wire.seen.filter((m) => m.type === 'snapshot').length).toBe(1)
    monitor.store.setState({ endpoints: [endpoint('GET /api/a', 1, 10)] })
    await settle(1100)
    // No ack yet: a page that vanished without a goodbye gets nothing more.
    expect(wire.seen.filter((m) => m.type === 'snapshot')).toHaveLength(1)
    const first = wire.seen.find((m) => m.type === 'snapshot')!
    const sentAt = Date.now()
    wire.post({ v: TAB_PROTOCOL_VERSION, type: 'ack', page: 'p1', tab: (first as { tab: string }).tab })
    await expect.poll(() => wire.seen.filter((m) => m.type === 'snapshot').length).toBe(2)
    wire.post({ v: TAB_PROTOCOL_VERSION, type: 'ack', page: 'p1', tab: (first as { tab: string }).tab })
    monitor.store.setState({ endpoints: [endpoint('GET /api/a', 2, 10)] })
    await settle(200)
    expect(wire.seen.filter((m) => m.type === 'snapshot')).toHaveLength(2)
    await expect.poll(() => wire.seen.filter((m) => m.type === 'snapshot').length, { timeout: 3000 }).toBe(3)
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(1000)
  })

  it('trims the busiest endpoints to stay under the size a page reads', () => {
    const monitor = createMonitor({ sources: [] })
    const long = '/x'.repeat(990)
    const endpoints = Array.from({ length: 300 }, (_, i) => ({
      ...endpoint(`GET ${long}/${i}`, i, 10),
      lastUrl: `http://127.0.0.1${long}/${i}`,
    }))
    monitor.store.setState({ endpoints })
    const json = encodeShared(monitor.snapshot())
    expect(json.length).toBeLessThanOrEqual(MAX_SNAPSHOT_CHARS)
    const kept = (JSON.parse(json) as { endpoints: EndpointStats[] }).endpoints
    expect(kept.length).toBeGreaterThan(0)
    expect(kept.length).toBeLessThan(300)
    expect(Math.min(...kept.map((e) => e.count))).toBeGreaterThan(300 - kept.length - 1)
  })
})

describe('watchTabs()', () => {
  it('shows a tab that was open before the page, and drops it when the tab says goodbye', async () => {
    const channel = nextChannel()
    const monitor = createMonitor({ sources: [] })
    monitor.store.setState({ endpoints: [endpoint('GET /api/items', 3, 40)] })
    const stop = shareSnapshots(monitor, { channel })
    const watcher = watchTabs({ channel })
    cleanups.push(() => watcher.close())
    await expect.poll(() => watcher.tabs().length).toBe(1)
    expect(watcher.tabs()[0]!.snapshot.endpoints.map((e) => e.key)).toEqual(['GET /api/items'])
    stop()
    await expect.poll(() => watcher.tabs().length).toBe(0)
  })

  it('hears a tab that opens after the page, and follows its updates', async () => {
    const channel = nextChannel()
    const watcher = watchTabs({ channel })
    cleanups.push(() => watcher.close())
    const monitor = share(channel)
    await expect.poll(() => watcher.tabs().length).toBe(1)
    monitor.store.setState({ endpoints: [endpoint('GET /api/late', 1, 5)] })
    await expect.poll(() => watcher.tabs()[0]!.snapshot.endpoints.length, { timeout: 3000 }).toBe(1)
  })

  it('ignores malformed, oversized and other-version messages, and drops only the bad items of a list', async () => {
    const channel = nextChannel()
    const watcher = watchTabs({ channel })
    cleanups.push(() => watcher.close())
    const wire = spy(channel)
    const base = JSON.parse(encodeShared(createMonitor({ sources: [] }).snapshot())) as Record<string, unknown>
    const message = (json: string, extra: Record<string, unknown> = {}) => ({
      v: TAB_PROTOCOL_VERSION,
      type: 'snapshot',
      tab: 't',
      title: 'x',
      path: '/',
      json,
      ...extra,
    })
    wire.post(message('{"not":"a snapshot"}'))
    wire.post(message('not json'))
    wire.post(message(' '.repeat(MAX_SNAPSHOT_CHARS + 1)))
    wire.post(message(JSON.stringify(base), { v: 2 }))
    wire.post(message(JSON.stringify(base), { tab: 'x'.repeat(65) }))
    wire.post(message(JSON.stringify(base), { title: 'x'.repeat(10_000) }))
    wire.post(message(JSON.stringify({ ...base, memory: { usedJSHeapSize: 'lots' } })))
    wire.post({ v: TAB_PROTOCOL_VERSION, type: 'snapshot', tab: 't', title: 'x', path: '/', json: { endpoints: [] } })
    wire.post(null)
    wire.post('hello')
    await settle(100)
    expect(watcher.tabs()).toEqual([])
    const good = endpoint('GET /ok', 1, 5)
    const bad = { ...endpoint('GET /bad', 1, 5), latency: { p95: '<img src=x>' } }
    wire.post(message(JSON.stringify({ ...base, endpoints: [bad, good, { key: 42 }], extra: 'dropped' })))
    await expect.poll(() => watcher.tabs().length).toBe(1)
    expect(watcher.tabs()[0]!.snapshot.endpoints.map((e) => e.key)).toEqual(['GET /ok'])
    expect('extra' in watcher.tabs()[0]!.snapshot).toBe(false)
  })

  it('keeps track of at most MAX_TABS tabs', async () => {
    const channel = nextChannel()
    const watcher = watchTabs({ channel })
    cleanups.push(() => watcher.close())
    const wire = spy(channel)
    const json = encodeShared(createMonitor({ sources: [] }).snapshot())
    for (let i = 0; i < MAX_TABS + 10; i++)
      wire.post({ v: TAB_PROTOCOL_VERSION, type: 'snapshot', tab: `t${i}`, title: '', path: '/', json })
    await expect.poll(() => watcher.tabs().length).toBe(MAX_TABS)
    await settle(50)
    expect(watcher.tabs()).toHaveLength(MAX_TABS)
  })
})

describe('mergeTabs()', () => {
  it('adds counts up per endpoint and keeps the worst vital', () => {
    const base = JSON.parse(encodeShared(createMonitor({ sources: [] }).snapshot())) as SharedTab['snapshot']
    const tab = (id: string, endpoints: EndpointStats[], lcp: number): SharedTab => ({
      id,
      title: id,
      page: '/',
      receivedAt: 1,
      snapshot: { ...base, endpoints, vitals: { LCP: { value: lcp, rating: 'good', attribution: {}, at: 1 } } },
    })
    const merged = mergeTabs([
      tab('a', [endpoint('GET /x', 2, 100)], 1000),
      tab('b', [endpoint('GET /x', 6, 200), endpoint('GET /y', 1, 5)], 3000),
    ])!
    expect(merged.endpoints.map((e) => [e.key, e.count])).toEqual([
      ['GET /x', 8],
      ['GET /y', 1],
    ])
    expect(merged.endpoints[0]!.latency.p95).toBe(175)
    expect(merged.vitals.LCP?.value).toBe(3000)
    expect(mergeTabs([])).toBeNull()
  })
})
