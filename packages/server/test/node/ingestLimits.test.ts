import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeBatch } from '@perfscope/core/codec'
import { Ingest, SummaryStore, type PerfscopeMiddleware } from '@perfscope/server'
import { freshPerfscope } from './freshPerfscope.ts'
import { deflateBomb, zeroSampleHeader } from './hostileBatches.ts'
import { app, listen, tick } from './helpers.ts'

let url = ''
let mw: PerfscopeMiddleware
let close: () => Promise<void>

beforeAll(async () => {
  mw = freshPerfscope().middleware()
  const server = await listen((req, res) => mw(req, res, () => app(req, res)))
  url = server.url
  close = server.close
})
afterAll(() => close())

async function sendBatch(header: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${url}/items`, { headers: { 'x-perfscope-batch': header } })
  return { status: response.status, body: await response.text() }
}

describe('ingest of hostile batches', () => {
  it('refuses a 246-byte header of 20,000 samples as inflate-ratio and records none of them', async () => {
    const header = zeroSampleHeader()
    expect(header.length).toBeLessThan(260)
    const before = mw.perfscope.ingest.counters.rejected['inflate-ratio'] ?? 0
    expect(await sendBatch(header)).toEqual({ status: 200, body: JSON.stringify({ items: [1, 2, 3], url: '/items' }) })
    await mw.perfscope.ingest.idle()
    expect(mw.perfscope.ingest.counters.rejected['inflate-ratio']).toBe(before + 1)
    expect(mw.perfscope.store.summaries().at(-1)?.client.samples ?? 0).toBe(0)
  })

  it('refuses a 15.7 KB deflate bomb (11.6 MiB inflated) as oversized', async () => {
    const bomb = deflateBomb()
    expect(bomb.length).toBeGreaterThan(15_000)
    expect((await sendBatch(bomb)).status).toBe(200)
    await mw.perfscope.ingest.idle()
    expect(mw.perfscope.ingest.counters.rejected.oversized).toBeGreaterThanOrEqual(1)
  })

  it('drops a batch over the key cap and counts it by reason', async () => {
    const samples = Array.from({ length: 1_025 }, (_, i) => ({ key: `k${i}`, t: i, v: i }))
    const ingest = new Ingest(new SummaryStore(), { maxBatchBytes: 1 << 20 })
    ingest.enqueue(encodeBatch({ samples, batchId: 1, timeOrigin: 0 }))
    await ingest.idle()
    expect(ingest.counters.rejected).toEqual({ 'too-many-keys': 1 })
  })

  it('takes limits lower than the defaults', async () => {
    const samples = Array.from({ length: 50 }, (_, i) => ({ key: 'k', t: i, v: i }))
    const ingest = new Ingest(new SummaryStore(), { decodeLimits: { maxSamples: 49 } })
    ingest.enqueue(encodeBatch({ samples, batchId: 1, timeOrigin: 0 }))
    await ingest.idle()
    expect(ingest.counters.rejected).toEqual({ 'too-many-samples': 1 })
  })

  it('decodes a 20,000-sample batch over several turns, one slice per turn', async () => {
    const samples = Array.from({ length: 20_000 }, (_, i) => ({ key: `k${i % 40}`, t: i * 2.3, v: (i * 7919) % 997 }))
    const store = new SummaryStore()
    // A zero budget: each turn does one slice, so the turns can be counted without timing anything; no rest
    // between slices (the whole CPU share), so the count does not depend on the machine's speed.
    const ingest = new Ingest(store, {
      maxBatchBytes: 1 << 20,
      sliceMs: 0,
      maxCpuShare: 1,
      decodeLimits: { maxInflateRatio: Infinity },
    })
    ingest.enqueue(encodeBatch({ samples, batchId: 1, timeOrigin: 0 }))
    let turns = 0
    while (ingest.pending > 0) {
      await tick()
      turns++
    }
    expect(ingest.counters.accepted).toBe(1)
    expect(store.summaries().at(-1)!.client.samples).toBe(20_000)
    expect(turns).toBeGreaterThanOrEqual(20)
  })

  it('refuses batches past the queue cap as queue-full, without decoding them', async () => {
    const ingest = new Ingest(new SummaryStore(), { maxQueue: 2 })
    for (let i = 0; i < 5; i++)
      ingest.enqueue(encodeBatch({ samples: [{ key: 'k', t: 1, v: 1 }], batchId: i, timeOrigin: 0 }))
    expect(ingest.counters.rejected).toEqual({ 'queue-full': 3 })
    await ingest.idle()
    expect(ingest.counters.accepted).toBe(2)
  })

  it('records the time it spent decoding', async () => {
    const ingest = new Ingest(new SummaryStore())
    ingest.enqueue(encodeBatch({ samples: [{ key: 'k', t: 1, v: 1 }], batchId: 1, timeOrigin: 0 }))
    await ingest.idle()
    expect(ingest.counters.decodeMs).toBeGreaterThan(0)
  })
})
