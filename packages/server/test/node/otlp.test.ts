import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pageBatch, type PageMeasures } from './outletFixtures.ts'
import { startOtlpInstance } from './otlpProcess.ts'
import { attr, latestPoints, startOtlpReceiver } from './otlpReceiver.ts'

const count = (p: { count?: number | string; asInt?: number | string; asDouble?: number }) =>
  Number(p.count ?? p.asInt ?? p.asDouble)

let batchId = 0
/** Sends each page's batch on an app request, as the browser's piggyback does. */
async function sendPages(url: string, pages: PageMeasures[]): Promise<void> {
  for (const page of pages)
    await (await fetch(`${url}/items`, { headers: { 'x-perfscope-batch': pageBatch(++batchId, page) } })).text()
}

// Two app instances (Node processes, a few seconds each to start on a busy machine) share the tests; each test
// reads its own metrics or endpoints, so what one test sent does not change what another expects.
describe('the OTLP outlet (@opentelemetry/sdk-metrics and the OTLP/HTTP exporter, to a loopback receiver)', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>
  let a: Awaited<ReturnType<typeof startOtlpInstance>>
  let b: Awaited<ReturnType<typeof startOtlpInstance>>
  const points = (name: string, instance: string) =>
    latestPoints(receiver.requests, name).filter((p) => p.instance === instance)

  beforeAll(async () => {
    receiver = await startOtlpReceiver()
    const start = (id: string) =>
      startOtlpInstance({ OTLP_URL: receiver.url, OTLP_INSTANCE: id, OTLP_MAX_ENDPOINTS: '50' })
    ;[a, b] = await Promise.all([start('a'), start('b')])
  }, 60_000)

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    await receiver?.close()
  })

  it('forwards vitals, endpoint latencies and errors from piggybacked batches', async () => {
    await sendPages(a.url, [
      {
        vitals: { LCP: 1200, INP: 90, CLS: 0.02 },
        requests: [
          { endpoint: 'GET /api/items', ms: 40 },
          { endpoint: 'GET /api/items', ms: 60 },
        ],
      },
      {
        vitals: { LCP: 4600, INP: 640, CLS: 0.3 },
        requests: [
          { endpoint: 'POST /api/orders', ms: 300, status: 503 },
          { endpoint: 'GET /api/items', ms: 900, error: 'timeout' },
        ],
      },
    ])
    await a.flush()

    expect(receiver.refused).toEqual([])
    const first = receiver.requests
      .flatMap((r) => r.resourceMetrics)
      .find((rm) => attr(rm.resource, 'service.instance.id') === 'a')!
    expect(attr(first.resource, 'service.name')).toBe('shop')
    expect(first.scopeMetrics[0]!.scope?.name).toBe('@perfscope/server')

    const vitals = points('perfscope.client.web_vital', 'a')
    const lcp = vitals.find((p) => attr(p, 'web_vital.name') === 'LCP')!
    expect(count(lcp)).toBe(2)
    expect(lcp.sum).toBe(5800)
    expect(lcp.explicitBounds).toEqual([100, 200, 500, 800, 1000, 1800, 2500, 3000, 4000, 6000, 10000])
    // 1200 ms falls in (1000, 1800], 4600 ms in (4000, 6000].
    expect(lcp.bucketCounts!.map(Number)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0])
    expect(count(vitals.find((p) => attr(p, 'web_vital.name') === 'INP')!)).toBe(2)
    expect(count(points('perfscope.client.cls', 'a')[0]!)).toBe(2)

    const durations = points('perfscope.client.request.duration', 'a')
    expect(Object.fromEntries(durations.map((p) => [attr(p, 'endpoint'), count(p)]))).toEqual({
      'GET /api/items': 3,
      'POST /api/orders': 1,
    })
    const errors = points('perfscope.client.request.errors', 'a')
    expect(Object.fromEntries(errors.map((p) => [attr(p, 'endpoint'), count(p)]))).toEqual({
      'GET /api/items': 1,
      'POST /api/orders': 1,
    })
  })

  it('leaves the sum to the collector: two instances export their own series under their instance ids', async () => {
    await sendPages(a.url, [{ vitals: { FCP: 2000 } }])
    await sendPages(b.url, [{ vitals: { FCP: 3000 } }, { vitals: { FCP: 5000 } }])
    await Promise.all([a.flush(), b.flush()])
    const fcp = latestPoints(receiver.requests, 'perfscope.client.web_vital').filter(
      (p) => attr(p, 'web_vital.name') === 'FCP',
    )
    expect(Object.fromEntries(fcp.map((p) => [p.instance, count(p)]))).toEqual({ a: 1, b: 2 })
    expect(fcp.reduce((n, p) => n + (p.sum ?? 0), 0)).toBe(10_000)
  })

  it('keeps the attribute sets bounded when clients send many distinct endpoints', async () => {
    const pages = Array.from({ length: 8 }, (_, n) => ({
      requests: Array.from({ length: 25 }, (_, i) => ({ endpoint: `GET /e${n * 25 + i}`, ms: 5 })),
    }))
    await sendPages(b.url, pages)
    await b.flush()
    const durations = points('perfscope.client.request.duration', 'b')
    expect(durations).toHaveLength(51)
    expect(count(durations.find((p) => attr(p, 'endpoint') === 'other')!)).toBe(150)
    expect(durations.reduce((n, p) => n + count(p), 0)).toBe(200)
  })
})
