import { request as httpRequest } from 'node:http'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { encodeBatch } from '@perfscope/core/codec'
import type { PerfscopeServerOptions } from '@perfscope/server'
import { freshPerfscope } from './freshPerfscope.ts'
import { app, listen, tick } from './helpers.ts'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  vi.unstubAllEnvs()
  await Promise.all(closers.splice(0).map((close) => close()))
})

async function serve(options: PerfscopeServerOptions = {}) {
  const mw = freshPerfscope(options).middleware()
  const server = await listen((req, res) => mw(req, res, () => app(req, res)))
  closers.push(server.close)
  return { ...server, mw }
}

const batch = (batchId: number) =>
  encodeBatch({ samples: [{ key: 'vital.LCP', t: 1, v: 1234 }], batchId, timeOrigin: Date.now() })

/** A body that never ends (bounded only so a broken cap cannot run the test forever), counting what was pulled. */
function endlessBody(chunkBytes = 64 * 1024, maxBytes = 300 * 1024 * 1024) {
  const chunk = new Uint8Array(chunkBytes).fill(65)
  const counter = { pulled: 0 }
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= maxBytes) return controller.close()
      counter.pulled += chunk.byteLength
      controller.enqueue(chunk)
    },
  })
  return { stream, counter }
}

describe('reading the metrics endpoint', () => {
  it('answers a loopback client in development without authorize', async () => {
    const { url } = await serve()
    const response = await fetch(`${url}/api/performance-metrics`)
    expect(response.status).toBe(200)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('refuses everyone in production without authorize, loopback included', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const { url } = await serve()
    expect((await fetch(`${url}/api/performance-metrics`)).status).toBe(403)
  })

  it('refuses a client that is not on loopback in development', async () => {
    const { url } = await serve({ clientAddress: () => '203.0.113.9' })
    expect((await fetch(`${url}/api/performance-metrics`)).status).toBe(403)
  })

  it('takes the address a local reverse proxy forwarded as the client, not the proxy itself', async () => {
    const { url } = await serve()
    expect(
      (await fetch(`${url}/api/performance-metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status,
    ).toBe(403)
    expect(
      (await fetch(`${url}/api/performance-metrics`, { headers: { 'x-forwarded-for': '203.0.113.9, 127.0.0.1' } }))
        .status,
    ).toBe(200)
  })

  it('answers exactly whom authorize says yes to, in production too', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const { url } = await serve({ authorize: async (req) => req.headers.get('authorization') === 'Bearer s3cret' })
    expect((await fetch(`${url}/api/performance-metrics`)).status).toBe(403)
    expect((await fetch(`${url}/api/performance-metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(
      403,
    )
    const ok = await fetch(`${url}/api/performance-metrics`, { headers: { authorization: 'Bearer s3cret' } })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toHaveProperty('days')
  })

  it('treats the client as unknown, not loopback, when clientAddress throws', async () => {
    const perfscope = freshPerfscope({
      clientAddress: () => {
        throw new Error('no such header')
      },
    })
    expect((await perfscope.metricsRoute.GET(new Request('http://localhost/api/performance-metrics'))).status).toBe(403)
  })

  it('answers 500 itself, not a throw into the framework, when reading a beacon body fails', async () => {
    const perfscope = freshPerfscope()
    const body = new ReadableStream({
      pull(controller) {
        controller.error(new Error('connection reset'))
      },
    })
    const request = new Request('http://localhost/api/performance-metrics', {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit & {
      duplex: 'half'
    })
    expect((await perfscope.metricsRoute.POST(request)).status).toBe(500)
  })

  it('refuses when authorize throws', async () => {
    const { url } = await serve({
      authorize: () => {
        throw new Error('session store down')
      },
    })
    expect((await fetch(`${url}/api/performance-metrics`)).status).toBe(403)
  })

  it('closes Prometheus /metrics the same way', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const { url } = await serve({ prometheus: true })
    expect((await fetch(`${url}/metrics`)).status).toBe(403)
  })

  it('takes the request host as the loopback check in the Fetch wrapper, which has no peer address', async () => {
    const perfscope = freshPerfscope()
    expect(
      (await perfscope.metricsRoute.GET(new Request('http://localhost:3000/api/performance-metrics'))).status,
    ).toBe(200)
    expect(
      (await perfscope.metricsRoute.GET(new Request('https://app.example.com/api/performance-metrics'))).status,
    ).toBe(403)
  })
})

describe('writes (beacons and piggybacked batches)', () => {
  it('refuses a beacon from another site and takes one from a listed origin or the same origin', async () => {
    const { url, mw } = await serve({ allowOrigins: ['https://shop.example'] })
    const post = (headers: Record<string, string>, id: number) =>
      fetch(`${url}/api/performance-metrics`, {
        method: 'POST',
        body: batch(id),
        headers: { 'content-type': 'text/plain', ...headers },
      })
    expect((await post({ origin: 'https://evil.example' }, 1)).status).toBe(403)
    expect((await post({ origin: 'null' }, 2)).status).toBe(403)
    expect((await post({ 'sec-fetch-site': 'cross-site' }, 3)).status).toBe(403)
    expect((await post({ origin: 'https://shop.example', 'sec-fetch-site': 'cross-site' }, 4)).status).toBe(204)
    expect((await post({ origin: url, 'sec-fetch-site': 'same-origin' }, 5)).status).toBe(204)
    await mw.perfscope.ingest.idle()
    expect(mw.perfscope.ingest.counters.accepted).toBe(2)
    expect(mw.perfscope.refusedWrites.origin).toBe(3)
  })

  it('ignores a piggybacked batch from another site and answers the app request as usual', async () => {
    const { url, mw } = await serve()
    const response = await fetch(`${url}/items`, {
      headers: { 'x-perfscope-batch': batch(9), origin: 'https://evil.example' },
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ items: [1, 2, 3], url: '/items' })
    await tick()
    expect(mw.perfscope.ingest.counters.received).toBe(0)
    expect(mw.perfscope.refusedWrites.origin).toBe(1)
  })

  it('rate-limits each client, with Retry-After, without limiting the others', async () => {
    let client = '192.0.2.1'
    const { url, mw } = await serve({ clientAddress: () => client, rateLimit: { perClient: 1, clientBurst: 5 } })
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) {
      statuses.push((await fetch(`${url}/api/performance-metrics`, { method: 'POST', body: batch(100 + i) })).status)
    }
    expect(statuses.filter((s) => s === 204).length).toBeLessThanOrEqual(6)
    expect(statuses.slice(-2)).toEqual([429, 429])
    const limited = await fetch(`${url}/api/performance-metrics`, { method: 'POST', body: batch(200) })
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
    client = '192.0.2.2'
    expect((await fetch(`${url}/api/performance-metrics`, { method: 'POST', body: batch(201) })).status).toBe(204)
    expect(mw.perfscope.refusedWrites['rate-limited']).toBeGreaterThanOrEqual(3)
  })

  it('limits writes of clients it cannot tell apart (Fetch requests) only by the overall cap', async () => {
    const perfscope = freshPerfscope({ rateLimit: { clientBurst: 2, totalBurst: 5, total: 1 } })
    const statuses: number[] = []
    for (let i = 0; i < 7; i++) {
      const response = await perfscope.metricsRoute.POST(
        new Request('http://localhost/api/performance-metrics', { method: 'POST', body: batch(500 + i) }),
      )
      statuses.push(response.status)
    }
    expect(statuses.slice(0, 5)).toEqual([204, 204, 204, 204, 204])
    expect(statuses.slice(-1)).toEqual([429])
  })

  it("takes a beacon whose Origin matches the Host header when the framework rewrote the request's URL", async () => {
    // Next.js hands route handlers a request.url on localhost whatever host the browser used.
    const perfscope = freshPerfscope()
    const beacon = (origin: string) =>
      perfscope.metricsRoute.POST(
        new Request('http://localhost:3000/api/performance-metrics', {
          method: 'POST',
          body: batch(700),
          headers: { host: '127.0.0.1:3000', origin, 'sec-fetch-site': 'same-origin' },
        }),
      )
    expect((await beacon('http://127.0.0.1:3000')).status).toBe(204)
    expect((await beacon('http://evil.example')).status).toBe(403)
    expect(perfscope.server.refusedWrites.origin).toBe(1)
  })

  it('caps all clients together, so fresh addresses do not lift the limit', async () => {
    let n = 0
    const { url } = await serve({
      clientAddress: () => `198.51.100.${n++ % 250}`,
      rateLimit: { total: 1, totalBurst: 3 },
    })
    const statuses: number[] = []
    for (let i = 0; i < 6; i++)
      statuses.push((await fetch(`${url}/api/performance-metrics`, { method: 'POST', body: batch(300 + i) })).status)
    expect(statuses.slice(-2)).toEqual([429, 429])
  })
})

describe('the beacon body cap', () => {
  it('answers 413 from Content-Length before reading the body (Node middleware)', async () => {
    const { url, mw } = await serve()
    const response = await fetch(`${url}/api/performance-metrics`, { method: 'POST', body: 'x'.repeat(70 * 1024) })
    expect(response.status).toBe(413)
    expect(mw.perfscope.refusedWrites['too-large']).toBe(1)
  })

  it('stops reading a body that never ends at the cap and closes the connection (Node middleware)', async () => {
    const mw = freshPerfscope().middleware()
    let bytesRead = -1
    const server = await listen((req, res) => {
      res.once('finish', () => (bytesRead = req.socket.bytesRead))
      mw(req, res, () => app(req, res))
    })
    closers.push(server.close)
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/api/performance-metrics`, {
        method: 'POST',
        headers: { 'transfer-encoding': 'chunked' },
      })
      const chunk = Buffer.alloc(64 * 1024, 65)
      let written = 0
      let answered = false
      const pump = () => {
        // Bounded: a server that read everything would see 300 MiB, not an endless loop.
        while (!answered && written < 300 * 1024 * 1024) {
          written += chunk.length
          if (!req.write(chunk)) return void req.once('drain', pump)
        }
      }
      req.on('response', (res) => {
        answered = true
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', (error) => (answered ? undefined : reject(error)))
      pump()
    })
    expect(status).toBe(413)
    await vi.waitFor(() => expect(bytesRead).toBeGreaterThan(0))
    // The cap is 16 KiB; what the socket delivered before reading stopped stays within a few read buffers.
    expect(bytesRead).toBeLessThan(1024 * 1024)
  })

  it('stops pulling a body stream that never ends at the cap (Fetch wrapper)', async () => {
    const perfscope = freshPerfscope()
    const { stream, counter } = endlessBody()
    const request = new Request('http://localhost/api/performance-metrics', {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' })
    const response = await perfscope.wrap(async () => new Response('app'))(request)
    expect(response.status).toBe(413)
    expect(counter.pulled).toBeLessThanOrEqual(4 * 64 * 1024)
    expect(perfscope.server.refusedWrites['too-large']).toBe(1)
  })

  it('answers 413 from Content-Length without pulling the body (Fetch wrapper)', async () => {
    const perfscope = freshPerfscope()
    const { stream, counter } = endlessBody()
    const request = new Request('http://localhost/api/performance-metrics', {
      method: 'POST',
      body: stream,
      duplex: 'half',
      headers: { 'content-length': String(300 * 1024 * 1024) },
    } as RequestInit & { duplex: 'half' })
    expect((await perfscope.metricsRoute.POST(request)).status).toBe(413)
    expect(counter.pulled).toBeLessThanOrEqual(64 * 1024)
  })
})
