import { afterEach, describe, expect, it } from 'vitest'
import { encodeBatch } from '@perfscope/core/codec'
import { createPerfscope, perfscopeMiddleware, withPerfscope } from '@perfscope/server'
import { app, listen } from './helpers.ts'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

const batch = (batchId: number) =>
  encodeBatch({
    samples: [{ key: 'http.GET /api/items', t: 1000, v: 20, tags: { status: '200' } }],
    batchId,
    timeOrigin: Date.now(),
  })

/** What a route file of a Next.js app does: its own wrapper around its own handler. */
const routeFile = (body: string) => withPerfscope(async () => Response.json({ body }))

describe('one server state per process', () => {
  it('adds up batches taken on one route and read from another, across wrappers and the middleware', async () => {
    const items = routeFile('items')
    const users = routeFile('users')
    const metricsRoute = withPerfscope(() => new Response('not found', { status: 404 }))
    const middleware = perfscopeMiddleware()
    const node = await listen((req, res) => middleware(req, res, () => app(req, res)))
    closers.push(node.close)

    for (let i = 0; i < 4; i++)
      await items(new Request('http://localhost/api/items', { headers: { 'x-perfscope-batch': batch(100 + i) } }))
    for (let i = 0; i < 3; i++)
      await users(new Request('http://localhost/api/users/7', { headers: { 'x-perfscope-batch': batch(200 + i) } }))
    await fetch(`${node.url}/items`, { headers: { 'x-perfscope-batch': batch(300) } })
    await items.perfscope.ingest.idle()

    const summary = await (await metricsRoute(new Request('http://localhost/api/performance-metrics'))).json()
    expect(summary.ingest).toMatchObject({ received: 8, accepted: 8 })
    const day = summary.days.at(-1)
    expect(day.client).toMatchObject({ batches: 8, samples: 8 })
    expect(day.server.requests).toBe(8)
    expect(day.server.routes['GET /api/items'].count).toBe(4)
    expect(day.server.routes['GET /api/users/:id'].count).toBe(3)
    expect(day.server.routes['GET /items'].count).toBe(1)
    expect(items.perfscope).toBe(middleware.perfscope)
  })

  it('refuses a later call with different options, saying what to do instead', () => {
    expect(() => withPerfscope(async () => new Response('x'), { authorize: () => true })).toThrow(
      /createPerfscope\(options\)/,
    )
  })

  it('joins with createPerfscope() and no options, whatever the instance was set up with', () => {
    expect(createPerfscope().server).toBe(perfscopeMiddleware().perfscope)
  })

  it('joins the shared state when a later call passes the same options again', () => {
    expect(withPerfscope(async () => new Response('x'), {}).perfscope).toBe(perfscopeMiddleware().perfscope)
  })

  it('gives a named instance a state of its own, shared by all of its adapters', async () => {
    const perfscope = createPerfscope({ name: 'admin', authorize: () => true })
    const a = perfscope.wrap(async () => new Response('a'))
    const b = perfscope.wrap(async () => new Response('b'))
    await a(new Request('https://app.example/api/a', { headers: { 'x-perfscope-batch': batch(400) } }))
    await b(new Request('https://app.example/api/b', { headers: { 'x-perfscope-batch': batch(401) } }))
    await perfscope.server.ingest.idle()
    const summary = await (
      await perfscope.metricsRoute.GET(new Request('https://app.example/api/performance-metrics'))
    ).json()
    expect(summary.ingest).toMatchObject({ received: 2, accepted: 2 })
    expect(perfscope.server).not.toBe(withPerfscope(async () => new Response('x')).perfscope)
    expect(a.perfscope).toBe(perfscope.middleware().perfscope)
  })

  it('finds the same instance when the module that creates it is evaluated again (as Next.js does per route)', () => {
    // Two evaluations of one `lib/perfscope.ts`: equal options, fresh function objects with the same source.
    const evaluate = () =>
      createPerfscope({ name: 'per-route', authorize: (req) => req.headers.get('x-token') === 'secret' })
    expect(evaluate().server).toBe(evaluate().server)
  })

  it('refuses the same name with other options', () => {
    createPerfscope({ name: 'configured', allowOrigins: ['https://a.example'] })
    expect(() => createPerfscope({ name: 'configured', allowOrigins: ['https://b.example'] })).toThrow(
      /"configured".*allowOrigins differs/,
    )
  })
})
