import { afterEach, describe, expect, it } from 'vitest'
import { encodeBatch } from '@perfscope/core/codec'
import { trackDbQuery, timing } from '@perfscope/server'
import { freshPerfscope } from './freshPerfscope.ts'
import { app, listen, tick } from './helpers.ts'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

async function serve(options: Parameters<typeof freshPerfscope>[0] = {}, handler = app) {
  const mw = freshPerfscope(options).middleware()
  const server = await listen((req, res) => mw(req, res, () => handler(req, res)))
  closers.push(server.close)
  return { ...server, mw }
}

const batch = (n = 3, batchId = 7) =>
  encodeBatch({
    samples: Array.from({ length: n }, (_, i) => ({
      key: 'http.GET /items',
      t: 1000 + i * 10,
      v: 20 + i,
      tags: { status: '200' },
    })),
    batchId,
    timeOrigin: Date.now(),
  })

describe('the middleware on node:http', () => {
  it('adds Server-Timing with the total and the spans the app records', async () => {
    const { url } = await serve({ timingAllowOrigin: '*' }, async (req, res) => {
      await trackDbQuery('select items', () => new Promise((r) => setTimeout(r, 15)))
      const end = timing.start('cache')
      end()
      app(req, res)
    })
    const response = await fetch(`${url}/items`)
    const header = response.headers.get('server-timing')!
    expect(header).toMatch(
      /^total;dur=[\d.]+, db;dur=[\d.]+, cache;dur=[\d.]+, perfscope;desc="batch=2 header=\d+ beacon=\d+"$/,
    )
    expect(Number(/db;dur=([\d.]+)/.exec(header)![1])).toBeGreaterThanOrEqual(14)
    expect(response.headers.get('timing-allow-origin')).toBe('*')
    expect(await response.json()).toEqual({ items: [1, 2, 3], url: '/items' })
  })

  it('keeps an app-set Server-Timing and appends its own', async () => {
    const { url } = await serve({}, (_req, res) => {
      res.setHeader('server-timing', 'edge;dur=1')
      res.end('ok')
    })
    expect((await fetch(url)).headers.get('server-timing')).toMatch(/^edge;dur=1, total;dur=/)
  })

  it('ingests a piggybacked batch after the response and serves it from the metrics endpoint', async () => {
    const { url, mw } = await serve()
    await fetch(`${url}/items`, { headers: { 'x-perfscope-batch': batch(4) } })
    await tick()
    await mw.perfscope.ingest.idle()
    const summary = await (await fetch(`${url}/api/performance-metrics`)).json()
    expect(summary.ingest).toMatchObject({ received: 1, accepted: 1 })
    const day = summary.days.at(-1)
    expect(day.client).toMatchObject({ batches: 1, samples: 4 })
    expect(day.client.metrics['http.GET /items']).toMatchObject({ count: 4, errors: 0 })
    expect(day.server.routes['GET /items'].count).toBe(1)
    expect(mw.perfscope.ingest.counters.accepted).toBe(1)
  })

  it('filters summaries with ?since= and refuses a malformed since', async () => {
    const { url } = await serve()
    await fetch(`${url}/items`)
    await tick()
    const future = await (await fetch(`${url}/api/performance-metrics?since=2999-01-01`)).json()
    expect(future.days).toEqual([])
    expect((await fetch(`${url}/api/performance-metrics?since=yesterday`)).status).toBe(400)
  })

  it('takes a beacon POSTed to the endpoint', async () => {
    const { url, mw } = await serve()
    const response = await fetch(`${url}/api/performance-metrics`, { method: 'POST', body: batch(2, 99) })
    expect(response.status).toBe(204)
    // Decoding runs in slices over later turns: a busy machine needs more than one.
    await mw.perfscope.ingest.idle()
    expect(mw.perfscope.ingest.counters.accepted).toBe(1)
  })

  it('drops a batch that arrives twice (a retried request)', async () => {
    const { url, mw } = await serve()
    const b = batch(2, 1234)
    await fetch(`${url}/items`, { headers: { 'x-perfscope-batch': b } })
    await fetch(`${url}/items`, { headers: { 'x-perfscope-batch': b } })
    // The second batch is queued when its response finishes, and decoded in slices over later turns.
    await tick()
    await mw.perfscope.ingest.idle()
    expect(mw.perfscope.ingest.counters).toMatchObject({ accepted: 1, rejected: { duplicate: 1 } })
  })

  it('counts load-simulator requests apart from real traffic', async () => {
    const { url, mw } = await serve()
    await fetch(`${url}/items`, { headers: { 'x-perfscope-load': 'run-1' } })
    await fetch(`${url}/items`)
    await tick()
    const day = mw.perfscope.store.summaries().at(-1)!
    expect(day.server.requests).toBe(1)
    expect(day.load.requests).toBe(1)
  })

  it('counts 5xx answers as errors per route', async () => {
    const { url, mw } = await serve()
    await fetch(`${url}/fail`)
    await tick()
    expect(mw.perfscope.store.summaries().at(-1)!.server).toMatchObject({ requests: 1, errors: 1 })
  })
})
