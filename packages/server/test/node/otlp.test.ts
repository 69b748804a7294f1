import { afterEach, describe, expect, it } from 'vitest'
import { pageBatch, type PageMeasures } from './outletFixtures.ts'
import { startOtlpInstance } from './otlpProcess.ts'
import { attr, latestPoints, startOtlpReceiver } from './otlpReceiver.ts'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const count = (p: { count?: number | string; asInt?: number | string; asDouble?: number }) => Number(p.count ?? p.asInt ?? p.asDouble)

let batchId = 0
/** Sends each page's batch on an app request, as the browser's piggyback does. */
async function sendPages(url: string, pages: PageMeasures[]): Promise<void> {
  for (const page of pages) await (await fetch(`${url}/items`, { headers: { 'x-perfscope-batch': pageBatch(++batchId, page) } })).text()
}

async function setup(instances: string[], maxEndpoints?: number) {
  const receiver = await startOtlpReceiver()
  cleanups.push(receiver.close)
  const started = await Promise.all(
    instances.map((id) => startOtlpInstance({ OTLP_URL: receiver.url, OTLP_INSTANCE: id, ...(maxEndpoints ? { OTLP_MAX_ENDPOINTS: String(maxEndpoints) } : {}) })),
  )
  for (const s of started) cleanups.push(s.stop)
  return { receiver, instances: started }
}

// Each test starts one or two Node processes (a few seconds on a busy machine); nothing in them is timed.
describe('the OTLP outlet (@opentelemetry/sdk-metrics and the OTLP/HTTP exporter, to a loopback receiver)', { timeout: 40_000 }, () => {
  it('forwards vitals, endpoint latencies and errors from piggybacked batches', async () => {
    const { receiver, instances: [app] } = await setup(['a'])
    await sendPages(app!.url, [
      { vitals: { LCP: 1200, INP: 90, CLS: 0.02 }, requests: [{ endpoint: 'GET /api/items', ms: 40 }, { endpoint: 'GET /api/items', ms: 60 }] },
      { vitals: { LCP: 4600, INP: 640, CLS: 0.3 }, requests: [{ endpoint: 'POST /api/orders', ms: 300, status: 503 }, { endpoint: 'GET /api/items', ms: 900, error: 'timeout' }] },
    ])
    await app!.flush()

    expect(receiver.refused).toEqual([])
    const first = receiver.requests[0]!.resourceMetrics[0]!
    expect([attr(first.resource, 'service.name'), attr(first.resource, 'service.instance.id')]).toEqual(['shop', 'a'])
    expect(first.scopeMetrics[0]!.scope?.name).toBe('@perfscope/server')

    const vitals = latestPoints(receiver.requests, 'perfscope.client.web_vital')
    const lcp = vitals.find((p) => attr(p, 'web_vital.name') === 'LCP')!
    expect(count(lcp)).toBe(2)
    expect(lcp.sum).toBe(5800)
    expect(lcp.explicitBounds).toEqual([100, 200, 500, 800, 1000, 1800, 2500, 3000, 4000, 6000, 10000])
    // 1200 ms falls in (1000, 1800], 4600 ms in (4000, 6000].
    expect(lcp.bucketCounts!.map(Number)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0])
    expect(count(vitals.find((p) => attr(p, 'web_vital.name') === 'INP')!)).toBe(2)
    expect(count(latestPoints(receiver.requests, 'perfscope.client.cls')[0]!)).toBe(2)

    const durations = latestPoints(receiver.requests, 'perfscope.client.request.duration')
    expect(Object.fromEntries(durations.map((p) => [attr(p, 'endpoint'), count(p)]))).toEqual({ 'GET /api/items': 3, 'POST /api/orders': 1 })
    const errors = latestPoints(receiver.requests, 'perfscope.client.request.errors')
    expect(Object.fromEntries(errors.map((p) => [attr(p, 'endpoint'), count(p)]))).toEqual({ 'GET /api/items': 1, 'POST /api/orders': 1 })
  })

  it('leaves the sum to the collector: two instances export their own series under their instance ids', async () => {
    const { receiver, instances: [a, b] } = await setup(['a', 'b'])
    await sendPages(a!.url, [{ vitals: { LCP: 2000 } }])
    await sendPages(b!.url, [{ vitals: { LCP: 3000 } }, { vitals: { LCP: 5000 } }])
    await Promise.all([a!.flush(), b!.flush()])
    const lcp = latestPoints(receiver.requests, 'perfscope.client.web_vital')
    expect(Object.fromEntries(lcp.map((p) => [p.instance, count(p)]))).toEqual({ a: 1, b: 2 })
    expect(lcp.reduce((n, p) => n + (p.sum ?? 0), 0)).toBe(10_000)
  })

  it('keeps the attribute sets bounded when clients send many distinct endpoints', async () => {
    const { receiver, instances: [app] } = await setup(['a'], 50)
    const pages = Array.from({ length: 8 }, (_, b) => ({ requests: Array.from({ length: 25 }, (_, i) => ({ endpoint: `GET /e${b * 25 + i}`, ms: 5 })) }))
    await sendPages(app!.url, pages)
    await app!.flush()
    const durations = latestPoints(receiver.requests, 'perfscope.client.request.duration')
    expect(durations).toHaveLength(51)
    expect(count(durations.find((p) => attr(p, 'endpoint') === 'other')!)).toBe(150)
    expect(durations.reduce((n, p) => n + count(p), 0)).toBe(200)
  })
})
