import { describe, expect, it } from 'vitest'
import { encodeBatch } from '@perfscope/core/codec'
import { clientKey } from '../../src/clientKey.ts'
import { freshPerfscope } from './freshPerfscope.ts'
import { listen } from './helpers.ts'

const SECRETS = [
  'jane.doe@example.com',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl',
  'sk_live_9f8e7d6c5b4a39281716',
  'hunter2',
]

/** Keys a client that does not sanitise could send: raw paths with ids, tokens, e-mail addresses and queries. */
const RAW_KEYS = [
  `http.GET /api/users/${SECRETS[0]}/orders`,
  `http.GET /verify/${SECRETS[1]}`,
  `http.POST https://api.example.com/v1/keys/${SECRETS[2]}?password=${SECRETS[3]}`,
  `route./reset/${SECRETS[2]}#token=${SECRETS[3]}`,
]

describe('client keys on the server', () => {
  it('turns raw paths in client keys into routes, and leaves sanitised keys as they are', () => {
    expect(clientKey(RAW_KEYS[0]!)).toBe('http.GET /api/users/:email/orders')
    expect(clientKey(RAW_KEYS[1]!)).toBe('http.GET /verify/:token')
    expect(clientKey(RAW_KEYS[2]!)).toBe('http.POST https://api.example.com/v1/keys/:token')
    expect(clientKey(RAW_KEYS[3]!)).toBe('route./reset/:token')
    for (const key of [
      'http.GET /api/users/:id',
      'http.GET /files/:file.pdf',
      'vital.LCP',
      'route./orders/:orderId/items/*',
    ]) {
      expect(clientKey(key)).toBe(key)
    }
  })

  it('keeps no secret of a hand-made batch in its summaries or its Prometheus labels', async () => {
    const perfscope = freshPerfscope({ prometheus: true, authorize: () => true })
    const mw = perfscope.middleware()
    const server = await listen((req, res) => mw(req, res, () => res.end('app')))
    try {
      const batch = encodeBatch({
        samples: RAW_KEYS.map((key, i) => ({ key, t: i, v: 20 + i })),
        batchId: 1,
        timeOrigin: Date.now(),
      })
      await (await fetch(`${server.url}/items`, { headers: { 'x-perfscope-batch': batch } })).text()
      await perfscope.server.ingest.idle()
      const summaries = await (await fetch(`${server.url}/api/performance-metrics`)).text()
      const metrics = await (await fetch(`${server.url}/metrics`)).text()
      expect(JSON.parse(summaries).days.at(-1).client.samples).toBe(RAW_KEYS.length)
      for (const secret of SECRETS) {
        expect(summaries).not.toContain(secret)
        expect(metrics).not.toContain(secret)
      }
    } finally {
      await server.close()
    }
  })
})
