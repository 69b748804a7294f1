import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { encodeBatch } from '@perfscope/core/codec'
import { SummaryStore, trackDbQuery } from '@perfscope/server'
import { freshPerfscope } from './freshPerfscope.ts'
import { listen, tick } from './helpers.ts'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

describe('the middleware in Express', () => {
  it('names the endpoint by the matched route pattern and adds Server-Timing', async () => {
    const mw = freshPerfscope().middleware()
    const appServer = express()
    appServer.use(mw)
    appServer.get('/api/users/:id', async (req, res) => {
      await trackDbQuery('user by id', async () => 1)
      res.json({ id: req.params.id })
    })
    const server = await listen(appServer)
    closers.push(server.close)
    const response = await fetch(`${server.url}/api/users/42`)
    expect(await response.json()).toEqual({ id: '42' })
    expect(response.headers.get('server-timing')).toMatch(/total;dur=.*db;dur=/)
    await tick()
    expect(mw.perfscope.store.summaries().at(-1)!.server.routes['GET /api/users/:id']!.count).toBe(1)
  })
})

describe('the Fetch-API wrapper', () => {
  const handler = freshPerfscope().wrap(async (request: Request) => {
    const url = new URL(request.url)
    if (url.pathname === '/throws') throw new RangeError('app error')
    if (url.pathname === '/redirect') return Response.redirect('http://127.0.0.1/elsewhere', 302)
    return Response.json({ path: url.pathname })
  })

  it('adds Server-Timing and passes the body through', async () => {
    const response = await handler(new Request('http://app.test/api/items/7'))
    expect(response.headers.get('server-timing')).toMatch(/^total;dur=/)
    expect(await response.json()).toEqual({ path: '/api/items/7' })
    expect(handler.perfscope.store.summaries().at(-1)!.server.routes['GET /api/items/:id']!.count).toBe(1)
  })

  it('adds headers to a response whose headers are immutable without losing status or location', async () => {
    const response = await handler(new Request('http://app.test/redirect'))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('http://127.0.0.1/elsewhere')
    expect(response.headers.get('server-timing')).toMatch(/^total;dur=/)
  })

  it("lets the handler's exception through unchanged", async () => {
    await expect(handler(new Request('http://app.test/throws'))).rejects.toThrow(RangeError)
  })

  it('answers the metrics endpoint and takes beacons', async () => {
    const beacon = encodeBatch({ samples: [{ key: 'vital.LCP', t: 1, v: 1234 }], batchId: 5, timeOrigin: Date.now() })
    const posted = await handler(
      new Request('http://localhost/api/performance-metrics', { method: 'POST', body: beacon }),
    )
    expect(posted.status).toBe(204)
    await handler.perfscope.ingest.idle()
    const summary = await (await handler(new Request('http://localhost/api/performance-metrics'))).json()
    expect(summary.days.at(-1).client.metrics['vital.LCP'].count).toBe(1)
  })
})

describe('SummaryStore with a directory', () => {
  it('keeps summaries across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfscope-'))
    const first = new SummaryStore({ dir })
    first.recordBatch([{ key: 'http.GET /a', t: 1, v: 10 }], 0)
    first.recordRequest('GET /a', 12, 200, false)
    await first.flush()
    const second = new SummaryStore({ dir })
    await second.ready
    const day = second.summaries().at(-1)!
    expect(day.client.metrics['http.GET /a']!.count).toBe(1)
    expect(day.server.requests).toBe(1)
  })

  it('skips and counts unreadable lines and prunes days past retention', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfscope-'))
    const today = new Date().toISOString().slice(0, 10)
    writeFileSync(
      join(dir, `perfscope-${today}.jsonl`),
      '{"k":"x","t":' + Date.now() + ',"reason":"malformed"}\nnot json\n{"k":"b"}\n',
    )
    writeFileSync(join(dir, 'perfscope-2001-01-01.jsonl'), '{"k":"x","t":978307200000,"reason":"old"}\n')
    const store = new SummaryStore({ dir, retentionDays: 7 })
    await store.ready
    expect(store.skippedLines).toBe(2)
    expect(store.summaries().map((d) => d.date)).toEqual([today])
    expect(readdirSync(dir)).toEqual([`perfscope-${today}.jsonl`])
  })
})

describe('Prometheus exposition', () => {
  it('serves request and db histograms with 5–5000 ms buckets at /metrics', async () => {
    const mw = freshPerfscope({ prometheus: true }).middleware()
    const server = await listen((req, res) =>
      mw(req, res, async () => {
        await trackDbQuery('q', async () => 1)
        res.end('ok')
      }),
    )
    closers.push(server.close)
    await fetch(`${server.url}/items`)
    await tick()
    const text = await (await fetch(`${server.url}/metrics`)).text()
    expect(text).toContain('http_request_duration_ms_bucket{le="5",route="GET /items",method="GET",status="200"}')
    expect(text).toContain('http_request_duration_ms_bucket{le="5000"')
    expect(text).toContain('db_query_duration_ms_count{query="q"} 1')
    expect(text).toContain('http_request_error_rate 0')
  })
})
