import { describe, expect, it } from 'vitest'
import type { OutgoingRequest } from '../../../kernel/requestHooks.ts'
import type { Announcement } from '../announcement.ts'
import { BATCH_FORMAT_VERSION, decodeBatch, encodeBatch } from '../codec.ts'
import { resolveTransportOptions } from '../options.ts'
import { BATCH_HEADER, MIN_ENCODE_INTERVAL_MS, Piggyback, UNANNOUNCED_PENDING } from '../piggyback.ts'
import { flushWithBeacon } from '../beacon.ts'
import { PerfscopeOptionError } from '../../../kernel/options.ts'

function request(overrides: Partial<OutgoingRequest> = {}): OutgoingRequest {
  return {
    url: 'http://127.0.0.1/api/x',
    method: 'GET',
    sameOrigin: true,
    mode: 'cors',
    keepalive: false,
    internal: false,
    ...overrides,
  }
}

const PAGE = 'http://127.0.0.1'
const GENEROUS = { version: BATCH_FORMAT_VERSION, maxHeaderBytes: 16 * 1024, maxBeaconBytes: 16 * 1024 }

/** A piggyback whose page origin's server announced `GENEROUS` limits (pass `announced: null` for none). */
function setup(options: Parameters<typeof resolveTransportOptions>[0] = {}, announced: Announcement | null = GENEROUS) {
  const idle: Array<() => void> = []
  let timers: Array<{ due: number; fn: () => void }> = []
  let clock = 0
  let encodes = 0
  const offers: boolean[] = []
  const piggyback = new Piggyback(resolveTransportOptions(options), {
    now: () => clock,
    timeOrigin: 1_700_000_000_000,
    pageOrigin: PAGE,
    scheduleIdle: (fn) =>
      idle.push(() => {
        encodes++
        fn()
      }),
    later: (fn, ms) => timers.push({ due: clock + ms, fn }),
    offering: (ready) => offers.push(ready),
    randomId: () => 42,
    encodeBatch,
  })
  if (announced) piggyback.announce(PAGE, announced)
  const runIdle = () => idle.splice(0).forEach((fn) => fn())
  /** Moves the clock on, running the timers that come due. */
  const advance = (ms: number) => {
    clock += ms
    const due = timers.filter((timer) => timer.due <= clock)
    timers = timers.filter((timer) => timer.due > clock)
    for (const timer of due) timer.fn()
  }
  /** Runs every timer now, due or not (a browser timer can fire a fraction of a millisecond before its delay). */
  const fireTimers = () => timers.splice(0).forEach((timer) => timer.fn())
  return { piggyback, runIdle, advance, fireTimers, encodes: () => encodes, offers, timers: () => timers.length }
}

function addSamples(p: Piggyback, n: number, start = 0) {
  for (let i = 0; i < n; i++) p.add([{ key: 'http.GET /api/items', t: start + i * 10, v: 12.5 + i }])
}

describe('Piggyback', () => {
  it('encodes on idle, not inside the request, and hands the batch to the next eligible request once', () => {
    const { piggyback, runIdle } = setup()
    addSamples(piggyback, 5)
    expect(piggyback.decorate(request())).toBeUndefined()
    runIdle()
    const headers = piggyback.decorate(request())
    expect(decodeBatch(headers![BATCH_HEADER]!).samples).toHaveLength(5)
    expect(piggyback.decorate(request())).toBeUndefined()
    expect(piggyback.stats).toMatchObject({ pending: 0, sentBatches: 0 })
    piggyback.finished({ request: request(), added: headers!, status: 200, ok: true })
    expect(piggyback.stats).toMatchObject({ pending: 0, sentBatches: 1, sentSamples: 5, failedBatches: 0 })
  })

  it('encodes when its interval timer fires a fraction of a millisecond early, without a second timer', () => {
    const { piggyback, runIdle, advance, fireTimers, encodes, timers } = setup()
    addSamples(piggyback, 3)
    runIdle()
    expect(encodes()).toBe(1)
    advance(500)
    addSamples(piggyback, 3, 500)
    expect(timers()).toBe(1)
    advance(MIN_ENCODE_INTERVAL_MS - 500 - 0.4)
    fireTimers()
    expect(timers()).toBe(0)
    runIdle()
    expect(encodes()).toBe(2)
  })

  it('encodes at most once per MIN_ENCODE_INTERVAL_MS while samples keep coming, and every sample still goes out once', () => {
    const { piggyback, runIdle, advance, encodes, timers } = setup()
    const sent: number[] = []
    // An app polling 20 times a second for 3 s: a sample and a request every 50 ms, idle in between.
    for (let i = 0; i < 60; i++) {
      piggyback.add([{ key: 'http.GET /api/items', t: i * 50, v: 10 + i }])
      const headers = piggyback.decorate(request())
      if (headers) sent.push(...decodeBatch(headers[BATCH_HEADER]!).samples.map((s) => s.t))
      advance(50)
      runIdle()
    }
    expect(encodes()).toBeLessThanOrEqual(Math.ceil(3000 / MIN_ENCODE_INTERVAL_MS) + 1)
    // One timer at most waits for the interval's end, armed by the samples that came within it.
    expect(timers()).toBeLessThanOrEqual(1)
    advance(MIN_ENCODE_INTERVAL_MS)
    runIdle()
    const rest = piggyback.decorate(request())
    if (rest) sent.push(...decodeBatch(rest[BATCH_HEADER]!).samples.map((s) => s.t))
    expect(sent).toEqual(Array.from({ length: 60 }, (_, i) => i * 50))
    // Nothing left: no timer is armed again.
    expect(timers()).toBe(0)
  })

  it('offers the request decorator only while a batch is ready, so requests in between pay nothing', () => {
    const { piggyback, runIdle, offers } = setup()
    addSamples(piggyback, 3)
    expect(offers).toEqual([])
    runIdle()
    expect(offers).toEqual([true])
    expect(piggyback.decorate(request())).toBeDefined()
    expect(offers).toEqual([true, false])
  })

  it.each([
    [
      'a cross-origin request (compatibility case 23)',
      request({ sameOrigin: false, url: 'https://cdn.example.com/a' }),
    ],
    ['a no-cors request (compatibility case 25)', request({ mode: 'no-cors' })],
    ['a keepalive request (compatibility case 26)', request({ keepalive: true })],
    ["perfscope's own or the load simulator's request (compatibility case 27)", request({ internal: true })],
  ])('leaves %s alone', (_what, r) => {
    const { piggyback, runIdle } = setup()
    addSamples(piggyback, 3)
    runIdle()
    expect(piggyback.decorate(r)).toBeUndefined()
    expect(piggyback.stats.pending).toBe(3)
  })

  it('rides on an allow-listed origin only when the parsed origin matches exactly (compatibility case 24)', () => {
    const { piggyback, runIdle } = setup({ allowOrigins: ['http://localhost:8080'] })
    for (const origin of ['http://cdn.localhost:8080', 'http://localhost:8080.evil.test', 'http://localhost:8080']) {
      piggyback.announce(origin, GENEROUS)
    }
    addSamples(piggyback, 3)
    runIdle()
    expect(piggyback.decorate(request({ sameOrigin: false, url: 'http://cdn.localhost:8080/x' }))).toBeUndefined()
    expect(piggyback.decorate(request({ sameOrigin: false, url: 'http://localhost:8080.evil.test/x' }))).toBeUndefined()
    expect(piggyback.decorate(request({ sameOrigin: false, url: 'http://localhost:8080/api' }))).toBeDefined()
  })

  it('keeps the header under its cap and leaves the rest for the next request (compatibility case 25)', () => {
    const { piggyback, runIdle } = setup({ maxHeaderBytes: 300 })
    for (let i = 0; i < 400; i++) piggyback.add([{ key: `k${i % 50}`, t: i * 7.3, v: Math.sin(i) * 1000 }])
    runIdle()
    const first = piggyback.decorate(request())![BATCH_HEADER]!
    expect(first.length).toBeLessThanOrEqual(300)
    const carried = decodeBatch(first).samples.length
    expect(carried).toBeGreaterThan(0)
    expect(piggyback.stats.pending).toBe(400 - carried)
    runIdle()
    expect(piggyback.decorate(request())).toBeDefined()
  })

  it('drops the oldest samples when its buffer is full, counts them and reports the count on the wire', () => {
    const { piggyback, runIdle } = setup({ maxPending: 10 })
    addSamples(piggyback, 15)
    expect(piggyback.stats).toMatchObject({ pending: 10, dropped: 5 })
    runIdle()
    const batch = decodeBatch(piggyback.decorate(request())![BATCH_HEADER]!)
    expect(batch.dropped).toBe(5)
    expect(batch.samples[0]!.t).toBe(50)
  })

  it('backs off after a 429 and never resends the refused batch (compatibility case 29)', () => {
    const { piggyback, runIdle, advance } = setup()
    addSamples(piggyback, 3)
    runIdle()
    const added = piggyback.decorate(request())
    piggyback.finished({ request: request(), added: added!, status: 429, ok: false })
    addSamples(piggyback, 2, 100)
    runIdle()
    expect(piggyback.decorate(request())).toBeUndefined()
    advance(6_000)
    // The first request past the back-off queues the waiting samples' encode; the next one carries them.
    expect(piggyback.decorate(request())).toBeUndefined()
    runIdle()
    const next = decodeBatch(piggyback.decorate(request())![BATCH_HEADER]!)
    expect(next.samples.map((s) => s.t)).toEqual([100, 110])
    expect(piggyback.stats).toMatchObject({ backedOff: 1, failedBatches: 1, sentBatches: 0 })
  })
})

describe('Piggyback negotiation', () => {
  it('encodes nothing and adds no header until a server announced that it takes batches', () => {
    const { piggyback, runIdle, encodes } = setup({}, null)
    addSamples(piggyback, 5)
    runIdle()
    expect(piggyback.decorate(request())).toBeUndefined()
    runIdle()
    expect(encodes()).toBe(0)
    expect(piggyback.stats).toMatchObject({ pending: 5, accepting: false })
    piggyback.announce(PAGE, GENEROUS)
    runIdle()
    expect(decodeBatch(piggyback.decorate(request())![BATCH_HEADER]!).samples).toHaveLength(5)
  })

  it('holds only the newest samples while no server announced, and its full buffer once one did', () => {
    const { piggyback, runIdle } = setup({}, null)
    addSamples(piggyback, UNANNOUNCED_PENDING + 50)
    expect(piggyback.stats.pending).toBe(UNANNOUNCED_PENDING)
    piggyback.announce(PAGE, GENEROUS)
    addSamples(piggyback, 500, 1e6)
    expect(piggyback.stats.pending).toBe(UNANNOUNCED_PENDING + 500)
    runIdle()
    const sent = decodeBatch(piggyback.decorate(request())![BATCH_HEADER]!)
    // The oldest 50 were given up while nobody could take them, and the batch says so.
    expect(sent.dropped).toBe(50)
    expect(sent.samples[0]!.v).toBeCloseTo(12.5 + 50)
  })

  it('never sends a header above the announced header limit, even when the app allows more', () => {
    const { piggyback, runIdle } = setup({ maxHeaderBytes: 4096 }, { ...GENEROUS, maxHeaderBytes: 300 })
    for (let i = 0; i < 400; i++) piggyback.add([{ key: `k${i % 50}`, t: i * 7.3, v: Math.sin(i) * 1000 }])
    runIdle()
    expect(piggyback.decorate(request())![BATCH_HEADER]!.length).toBeLessThanOrEqual(300)
  })

  it('sends nothing to a server that announced an older wire version', () => {
    const { piggyback, runIdle } = setup({}, { ...GENEROUS, version: BATCH_FORMAT_VERSION - 1 })
    addSamples(piggyback, 3)
    runIdle()
    expect(piggyback.decorate(request())).toBeUndefined()
  })

  it('needs an allow-listed origin to announce by itself before its requests carry a batch', () => {
    const { piggyback, runIdle } = setup({ allowOrigins: ['https://api.example.com'] })
    const api = request({ sameOrigin: false, url: 'https://api.example.com/items' })
    addSamples(piggyback, 3)
    runIdle()
    expect(piggyback.decorate(api)).toBeUndefined()
    piggyback.announce('https://api.example.com', GENEROUS)
    expect(piggyback.decorate(api)).toBeDefined()
  })

  it('ignores announcements from origins it would never send to', () => {
    const { piggyback } = setup({}, null)
    piggyback.announce('https://elsewhere.example', GENEROUS)
    expect(piggyback.stats.accepting).toBe(false)
    expect(piggyback.announcementOf('https://elsewhere.example')).toBeUndefined()
  })

  it.each([400, 403, 404, 431])('backs off after a %i to a request that carried a batch', (status) => {
    const { piggyback, runIdle } = setup()
    addSamples(piggyback, 3)
    runIdle()
    const added = piggyback.decorate(request())
    piggyback.finished({ request: request(), added: added!, status, ok: false })
    addSamples(piggyback, 2, 100)
    runIdle()
    expect(piggyback.decorate(request())).toBeUndefined()
    expect(piggyback.stats).toMatchObject({ backedOff: 1, failedBatches: 1, sentBatches: 0 })
  })

  it('backs off when a cross-origin request with a batch fails (a CORS refusal), and counts the batch as failed', () => {
    const { piggyback, runIdle } = setup({ allowOrigins: ['https://api.example.com'] })
    piggyback.announce('https://api.example.com', GENEROUS)
    const api = request({ sameOrigin: false, url: 'https://api.example.com/items' })
    addSamples(piggyback, 3)
    runIdle()
    const added = piggyback.decorate(api)
    piggyback.finished({ request: api, added: added!, status: null, ok: false })
    expect(piggyback.stats).toMatchObject({ backedOff: 1, failedBatches: 1, sentBatches: 0, sentSamples: 0 })
  })

  it('counts a batch on a 5xx as failed without backing off', () => {
    const { piggyback, runIdle } = setup()
    addSamples(piggyback, 3)
    runIdle()
    const added = piggyback.decorate(request())
    piggyback.finished({ request: request(), added: added!, status: 503, ok: false })
    expect(piggyback.stats).toMatchObject({ backedOff: 0, failedBatches: 1, sentBatches: 0 })
  })
})

describe('flushWithBeacon()', () => {
  function stubBeacon(accept = true) {
    const sent: Array<{ url: string; body: string }> = []
    const original = navigator.sendBeacon
    navigator.sendBeacon = (url: string | URL, body?: BodyInit | null) => {
      sent.push({ url: String(url), body: String(body) })
      return accept
    }
    return { sent, restore: () => (navigator.sendBeacon = original) }
  }

  it('sends no beacon when the endpoint origin never announced', () => {
    const beacon = stubBeacon()
    try {
      const { piggyback } = setup({}, null)
      addSamples(piggyback, 3)
      expect(flushWithBeacon(piggyback, '/api/performance-metrics', `${PAGE}/page`)).toBe(0)
      expect(beacon.sent).toEqual([])
    } finally {
      beacon.restore()
    }
  })

  it('keeps the beacon within the announced beacon size and leaves the rest pending', () => {
    const beacon = stubBeacon()
    try {
      const { piggyback } = setup({ maxPending: 5000 }, { ...GENEROUS, maxBeaconBytes: 2048 })
      for (let i = 0; i < 3000; i++) piggyback.add([{ key: `k${i % 200}`, t: i * 7.3, v: Math.sin(i) * 1000 }])
      const count = flushWithBeacon(piggyback, '/api/performance-metrics', `${PAGE}/page`)
      expect(beacon.sent).toHaveLength(1)
      expect(beacon.sent[0]!.url).toBe(`${PAGE}/api/performance-metrics`)
      expect(beacon.sent[0]!.body.length).toBeLessThanOrEqual(2048)
      expect(decodeBatch(beacon.sent[0]!.body).samples).toHaveLength(count)
      expect(piggyback.stats).toMatchObject({ beaconBatches: 1, pending: 3000 - count })
    } finally {
      beacon.restore()
    }
  })
})

describe('resolveTransportOptions()', () => {
  it.each([
    [{ allowOrigins: 'https://a.test' }, 'transport.allowOrigins'],
    [{ allowOrigins: ['not a url'] }, 'transport.allowOrigins[0]'],
    [{ maxHeaderBytes: -1 }, 'transport.maxHeaderBytes'],
    [{ enabled: 'yes' }, 'transport.enabled'],
  ])('rejects %j naming the option', (value, option) => {
    expect(() => resolveTransportOptions(value)).toThrow(PerfscopeOptionError)
    expect(() => resolveTransportOptions(value)).toThrow(`"${option}"`)
  })
})

describe('Piggyback without its encoder yet', () => {
  it('keeps samples unencoded until the encoder arrives, then encodes them for the next request', () => {
    const idle: Array<() => void> = []
    const piggyback = new Piggyback(resolveTransportOptions({}), {
      now: () => 0,
      timeOrigin: 1_700_000_000_000,
      pageOrigin: PAGE,
      scheduleIdle: (fn) => idle.push(fn),
      later: () => {},
      offering: () => {},
      randomId: () => 42,
    })
    piggyback.announce(PAGE, GENEROUS)
    piggyback.add([{ key: 'http.GET /api/x', t: 1, v: 20 }])
    idle.splice(0).forEach((fn) => fn())
    expect(piggyback.decorate(request())).toBeUndefined()
    expect(flushWithBeacon(piggyback, '/api/performance-metrics', PAGE)).toBe(0)
    piggyback.useEncoder(encodeBatch)
    idle.splice(0).forEach((fn) => fn())
    const header = piggyback.decorate(request())?.[BATCH_HEADER]
    expect(decodeBatch(header!).samples).toEqual([{ key: 'http.GET /api/x', t: 1, v: 20 }])
  })
})
