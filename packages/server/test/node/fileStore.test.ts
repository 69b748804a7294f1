import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { encodeBatch } from '@perfscope/core/codec'
import { Ingest, SummaryStore } from '@perfscope/server'
import { freshPerfscope } from './freshPerfscope.ts'
import { zeroSampleHeader } from './hostileBatches.ts'
import { listen } from './helpers.ts'

const tempDir = () => mkdtempSync(join(tmpdir(), 'perfscope-files-'))
const today = () => new Date().toISOString().slice(0, 10)
const dirBytes = (dir: string) => readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)

function batchOf(n: number, id: number, key = 'http.GET /api/items'): string {
  const samples = Array.from({ length: n }, (_, i) => ({
    key,
    t: i * 1.7,
    v: 10 + ((i * 37) % 90),
    tags: { status: '200' },
  }))
  return encodeBatch({ samples, batchId: id, timeOrigin: 0 })
}

describe('SummaryStore files', () => {
  it('writes at most the header plus a few dozen bytes for a hostile 180-byte, 20,000-sample header', async () => {
    const dir = tempDir()
    const store = new SummaryStore({ dir })
    // What reaches the disk is the point here, not the pacing: at the default 3 % share of a core, 70 refusals
    // take about 4.5 s of wall time, close to the test timeout on a busy machine.
    const ingest = new Ingest(store, { maxQueue: 100, maxCpuShare: 0.5 })
    const header = zeroSampleHeader(20_000)
    for (let i = 0; i < 70; i++) ingest.enqueue(header)
    await ingest.idle()
    await store.flush()
    // Was 8.3 MiB per request (every sample as JSON); now a refusal line each.
    expect(dirBytes(dir) / 70).toBeLessThan(header.length + 64)
    expect(store.summaries().at(-1)!.rejected['inflate-ratio']).toBe(70)
  })

  it('writes an accepted batch as its own text: bytes on disk are bounded by the header size', async () => {
    const dir = tempDir()
    const store = new SummaryStore({ dir })
    const ingest = new Ingest(store)
    const header = batchOf(300, 1)
    ingest.enqueue(header)
    await ingest.idle()
    await store.flush()
    expect(dirBytes(dir)).toBeLessThan(header.length + 64)
  })

  it('never interleaves twelve concurrent flushes: a restart reads back every one of 240,000 samples', async () => {
    const dir = tempDir()
    const store = new SummaryStore({ dir })
    await store.ready
    const flushes: Array<Promise<void>> = []
    for (let f = 0; f < 12; f++) {
      for (let b = 0; b < 20; b++) store.recordBatch([], 0, Date.now(), batchOf(1_000, f * 100 + b, `http.GET /k${f}`))
      flushes.push(store.flush())
    }
    await Promise.all(flushes)
    const restarted = new SummaryStore({ dir })
    await restarted.ready
    expect(restarted.skippedLines).toBe(0)
    expect(restarted.summaries().at(-1)!.client.samples).toBe(240_000)
    // The figure: 240,000 samples written and decoded twice take a few seconds on a shared machine.
  }, 30_000)

  it('reads a damaged file line by line: a 3 MiB line with no newline and garbage lines are skipped, the rest kept', async () => {
    const dir = tempDir()
    const good = JSON.stringify({ k: 'r', t: Date.now(), route: 'GET /a', dur: 5, status: 200, load: false })
    writeFileSync(
      join(dir, `perfscope-${today()}.jsonl`),
      `${good}\n${'x'.repeat(3 * 1024 * 1024)}\nnot json\n{"k":"b","t":1,"x":"%%"}\n${good}\n`,
    )
    const store = new SummaryStore({ dir, files: { maxLineBytes: 64 * 1024 } })
    await store.ready
    expect(store.summaries().at(-1)!.server.requests).toBe(2)
    expect(store.skippedLines).toBe(3)
    expect(store.status().kind).toBe('file')
  })

  it('rotates a day into parts by size and replays every part', async () => {
    const dir = tempDir()
    const store = new SummaryStore({ dir, files: { maxFileBytes: 4096 } })
    for (let i = 0; i < 200; i++) store.recordRequest('GET /a', i, 200, false)
    await store.flush()
    const names = readdirSync(dir)
    expect(names.length).toBeGreaterThan(3)
    for (const name of names) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(4096)
    const restarted = new SummaryStore({ dir })
    await restarted.ready
    expect(restarted.summaries().at(-1)!.server.requests).toBe(200)
  })

  it('stops writing a day at its cap without touching earlier days, and counts what it dropped', async () => {
    const dir = tempDir()
    const yesterday = Date.now() - 86_400_000
    writeFileSync(
      join(dir, `perfscope-${new Date(yesterday).toISOString().slice(0, 10)}.jsonl`),
      '{"k":"x","t":' + yesterday + ',"reason":"old"}\n',
    )
    const store = new SummaryStore({ dir, files: { maxDayBytes: 8 * 1024 } })
    for (let i = 0; i < 500; i++) store.recordRequest('GET /a', i, 200, false)
    await store.flush()
    expect(dirBytes(dir)).toBeLessThan(8 * 1024 + 100)
    expect(store.status().files!.droppedLines['day-full']).toBeGreaterThan(300)
    expect(readdirSync(dir)).toHaveLength(2)
  })

  it('deletes the oldest days, never today, to stay under the total cap', async () => {
    const dir = tempDir()
    for (const daysAgo of [3, 2, 1]) {
      const t = Date.now() - daysAgo * 86_400_000
      writeFileSync(
        join(dir, `perfscope-${new Date(t).toISOString().slice(0, 10)}.jsonl`),
        `{"k":"x","t":${t},"reason":"${'r'.repeat(3000)}"}\n`,
      )
    }
    const store = new SummaryStore({ dir, files: { maxTotalBytes: 8 * 1024 } })
    for (let i = 0; i < 40; i++) store.recordRequest('GET /a', i, 200, false)
    await store.flush()
    const names = readdirSync(dir).sort()
    expect(names).not.toContain(`perfscope-${new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10)}.jsonl`)
    expect(names).toContain(`perfscope-${today()}.jsonl`)
    expect(dirBytes(dir)).toBeLessThanOrEqual(8 * 1024)
  })

  it('starts in memory when the directory cannot be made: no throw, one warning, the reason in the GET reply', async () => {
    const file = join(tempDir(), 'a-file')
    writeFileSync(file, '')
    const warnings: string[] = []
    const mw = freshPerfscope({ store: { dir: join(file, 'sub'), warn: (m) => warnings.push(m) } }).middleware()
    await mw.perfscope.store.ready
    const server = await listen((req, res) => mw(req, res, () => res.end('ok')))
    try {
      expect(await (await fetch(`${server.url}/x`)).text()).toBe('ok')
      const reply = await (await fetch(`${server.url}/api/performance-metrics`)).json()
      expect(reply.store.kind).toBe('memory')
      expect(reply.store.reason).toMatch(/ENOTDIR|EEXIST/)
      expect(warnings).toHaveLength(1)
    } finally {
      await server.close()
    }
  })

  it('falls back to memory once when a write fails later, and keeps counting', async () => {
    const dir = tempDir()
    const warnings: string[] = []
    const store = new SummaryStore({ dir, warn: (m) => warnings.push(m) })
    await store.ready
    rmSync(dir, { recursive: true })
    writeFileSync(dir, '')
    for (let i = 0; i < 3; i++) {
      store.recordRequest('GET /a', 1, 200, false)
      await store.flush()
    }
    expect(store.status()).toMatchObject({ kind: 'memory' })
    expect(warnings).toHaveLength(1)
    expect(store.summaries().at(-1)!.server.requests).toBe(3)
  })
})

describe('SummaryStore files of the previous release', () => {
  it('reads back batch lines written as sample arrays, errors included', async () => {
    const dir = tempDir()
    const t = Date.now()
    const old = JSON.stringify({
      k: 'b',
      t,
      d: 2,
      s: [
        ['vital.LCP', 1200, 0],
        ['http.GET /a', 80, 1],
        ['bad', 'x', 0],
      ],
    })
    writeFileSync(join(dir, `perfscope-${today()}.jsonl`), `${old}\n`)
    const store = new SummaryStore({ dir })
    await store.ready
    const client = store.summaries().at(-1)!.client
    expect(client).toMatchObject({ batches: 1, samples: 2, dropped: 2 })
    expect(client.metrics['http.GET /a']!.errors).toBe(1)
    expect(client.metrics['vital.LCP']!.p50).toBeCloseTo(1200, -1)
    expect(store.skippedLines).toBe(0)
  })
})
