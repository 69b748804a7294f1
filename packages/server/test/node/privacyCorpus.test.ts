import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { encodeBatch } from '@perfscope/core/codec'
import { endpointKey, routeOfUrl } from '@perfscope/core'
import { perfscopeMiddleware } from '@perfscope/server'
import { leakedSecrets, outletSecrets, PRIVACY_CORPUS } from '../../../core/test/privacyCorpus.ts'
import { app, listen, tick } from './helpers.ts'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

/** GET of a raw path and query, exactly as a browser would send it (no re-encoding on the way). */
function get(base: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('the privacy corpus through @perfscope/server', () => {
  it('keeps no secret in its stored route keys, its GET reply or its Prometheus labels', async () => {
    const mw = perfscopeMiddleware({ prometheus: true })
    const server = await listen((req, res) => mw(req, res, () => app(req, res)))
    closers.push(server.close)
    // What the browser half sends: batches keyed by the sanitised endpoint keys of the same URLs.
    const samples = PRIVACY_CORPUS.map(([url], i) => {
      const u = new URL(url)
      return {
        key: `http.${endpointKey('GET', routeOfUrl(u, u.origin))}`,
        t: 1000 + i,
        v: 10 + (i % 7),
        tags: { status: '200' },
      }
    })
    for (let i = 0; i < samples.length; i += 40) {
      const batch = encodeBatch({ samples: samples.slice(i, i + 40), batchId: 100 + i, timeOrigin: Date.now() })
      expect(await get(server.url, '/items', { 'x-perfscope-batch': batch })).toBe(200)
    }
    for (const [url] of PRIVACY_CORPUS) {
      const u = new URL(url)
      expect(await get(server.url, `${u.pathname}${u.search}`)).toBe(200)
    }
    await tick()

    const stored = JSON.stringify(mw.perfscope.store.summaries())
    const reply = await (await fetch(`${server.url}/api/performance-metrics`)).text()
    const metrics = await (await fetch(`${server.url}/metrics`)).text()
    // The outlets hold the corpus (its routes and the client's keys), so an empty leak list means something.
    for (const text of [stored, reply]) {
      expect(text).toContain('GET /api/users/:id/orders/:id')
      expect(text).toContain('GET /auth/verify/:token')
    }
    expect(metrics).toContain('route="GET /api/users/:email/settings"')
    const secrets = outletSecrets()
    expect({
      stored: leakedSecrets(stored, secrets),
      reply: leakedSecrets(reply, secrets),
      metrics: leakedSecrets(metrics, secrets),
    }).toEqual({
      stored: [],
      reply: [],
      metrics: [],
    })
  })
})
