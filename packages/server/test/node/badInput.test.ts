import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toBase64url } from '@perfscope/core/codec'
import { encodeBatchBytes } from './codecBytes.ts'
import type { PerfscopeMiddleware } from '@perfscope/server'
import { freshPerfscope } from './freshPerfscope.ts'
import { app, listen, tick } from './helpers.ts'

let url = ''
let mw: PerfscopeMiddleware
let close: () => Promise<void>

beforeAll(async () => {
  // One client sends every batch here: lift its rate limit so each one reaches the decoder.
  mw = freshPerfscope({ maxBatchBytes: 8 * 1024, rateLimit: { perClient: 1000, clientBurst: 1000 } }).middleware()
  const server = await listen((req, res) => mw(req, res, () => app(req, res)))
  url = server.url
  close = server.close
})
afterAll(() => close())

/** Status, headers (minus the ones that differ per response by nature) and body. */
async function observable(headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/items?x=1`, { headers })
  const kept = [...response.headers].filter(([name]) => !['date', 'server-timing', 'keep-alive'].includes(name))
  return { status: response.status, headers: kept, body: await response.text() }
}

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('bad batches on the wire', () => {
  it.each([
    ['malformed', 'not*base64*at*all'],
    ['truncated', toBase64url(encodeBatchBytes(40).subarray(0, 30))],
    ['oversized (over the configured 8 KiB cap)', 'A'.repeat(10 * 1024)],
    ['a future format version', toBase64url(new Uint8Array([9, 1, 2, 3, 4]))],
  ])('answers the app request exactly as without perfscope for a %s batch, and counts it', async (_what, header) => {
    const baseline = await observable()
    const rejectedBefore = Object.values(mw.perfscope.ingest.counters.rejected).reduce((a, b) => a + b, 0)
    expect(await observable({ 'x-perfscope-batch': header })).toEqual(baseline)
    await tick()
    await mw.perfscope.ingest.idle()
    const rejectedAfter = Object.values(mw.perfscope.ingest.counters.rejected).reduce((a, b) => a + b, 0)
    expect(rejectedAfter).toBe(rejectedBefore + 1)
  })

  it('survives random and mutated batches without a crash, a changed response or growing memory (fuzz)', async () => {
    const random = mulberry32(31337)
    const valid = encodeBatchBytes(60)
    const baseline = await observable()
    const before = mw.perfscope.ingest.counters.received
    for (let i = 0; i < 300; i++) {
      let bytes: Uint8Array
      if (i % 3 === 0) {
        bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 400) }, () => Math.floor(random() * 256))
        bytes[0] = 1
      } else {
        bytes = valid.slice(0, 1 + Math.floor(random() * valid.length))
        for (let f = 0; f < 1 + Math.floor(random() * 3); f++)
          bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256)
      }
      expect(await observable({ 'x-perfscope-batch': toBase64url(bytes) })).toEqual(baseline)
    }
    await mw.perfscope.ingest.idle()
    const counters = mw.perfscope.ingest.counters
    expect(counters.received - before).toBe(300)
    // Whatever decoded by chance, the per-day key table stays bounded.
    const day = mw.perfscope.store.summaries().at(-1)!
    expect(Object.keys(day.client.metrics).length).toBeLessThanOrEqual(501)
    // 300 HTTP round trips: seconds on a busy machine, not the default 5.
  }, 30_000)
})
