import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createPerfscope } from '@perfscope/server'
import { baseURL, useBrowser } from '../../../../test-support/browser'

const FIXTURE = '/packages/core/test/browser/fixtures/piggyback.html'

interface ServerState {
  seen: Array<{ method: string; path: string; batch: boolean }>
  ingest: { received: number; accepted: number; rejected: Record<string, number> }
  days: Array<{ client: { samples: number; metrics: Record<string, { count: number }> } }>
}

async function serverState(): Promise<ServerState> {
  return (await fetch(`${baseURL()}/__perfscope/state`)).json() as Promise<ServerState>
}

interface Recorded {
  method: string
  url: string
  headers: Record<string, string>
}

async function recorded(bucket: string): Promise<Recorded[]> {
  return (await fetch(`${baseURL()}/__test/log/${bucket}`)).json() as Promise<Recorded[]>
}

describe('piggyback transport end to end (Chromium + @perfscope/server)', () => {
  const { newPage } = useBrowser()

  it('sends metrics on the app’s own requests, adds none while visible, beacons the rest on pagehide, and shows server timings', async () => {
    await fetch(`${baseURL()}/__perfscope/reset`)
    const page = await newPage(FIXTURE)
    await page.waitForFunction(() => window.perfscopeReady)

    const made = await page.evaluate(() => window.poll(12, 150))
    const visible = await serverState()
    expect(made).toBe(12)
    // Exactly the app's requests reached the server while the page was visible: no request of perfscope's own.
    expect(visible.seen.map((r) => `${r.method} ${r.path}`)).toEqual(Array(12).fill('GET /__perfscope/items'))
    expect(visible.seen.filter((r) => r.batch).length).toBeGreaterThan(0)
    await expect.poll(async () => (await serverState()).ingest.accepted).toBeGreaterThan(0)
    const day = (await serverState()).days.at(-1)!
    expect(Object.keys(day.client.metrics).some((key) => key.includes('/__perfscope/items'))).toBe(true)

    // Only batches a server answered count as sent: here, every request that carried one.
    const carried = (await serverState()).seen.filter((r) => r.batch).length
    await expect
      .poll(() => page.evaluate(() => window.piggybackMonitor.snapshot().transport))
      .toMatchObject({
        accepting: true,
        sentBatches: carried,
        failedBatches: 0,
      })

    // Unwatched, the endpoint figures are published every couple of seconds.
    const timings = () =>
      page.evaluate(() => {
        const endpoint = window.piggybackMonitor.snapshot().endpoints.find((e) => e.key.includes('/__perfscope/items'))
        return endpoint?.serverTiming?.map((t) => t.name) ?? []
      })
    await expect.poll(timings, { timeout: 5_000 }).toEqual(expect.arrayContaining(['total', 'db']))

    // One more request whose sample is pending, then leave the page: the beacon carries it.
    await page.evaluate(() => window.poll(1, 0))
    const before = (await serverState()).seen.length
    await page.goto('about:blank')
    await expect
      .poll(async () => (await serverState()).seen.slice(before).filter((r) => r.method === 'POST').length)
      .toBe(1)
    expect((await serverState()).seen.at(-1)).toMatchObject({ method: 'POST', path: '/__perfscope/metrics' })
    expect(page.uncaughtErrors).toEqual([])
  })

  it('sends no header, encodes nothing and beacons nothing for an app without the server half', async () => {
    await fetch(`${baseURL()}/__test/log/no-half`, { method: 'DELETE' })
    await fetch(`${baseURL()}/__test/log/no-half-beacon`, { method: 'DELETE' })
    const page = await newPage(`${FIXTURE}?endpoint=/__test/record/no-half-beacon`)
    await page.waitForFunction(() => window.perfscopeReady)
    expect(await page.evaluate(() => window.poll(8, 150, '/__test/record/no-half'))).toBe(8)
    const transport = await page.evaluate(() => window.piggybackMonitor.snapshot().transport)
    expect(transport).toMatchObject({ accepting: false, sentBatches: 0, beaconBatches: 0 })
    await page.goto('about:blank')
    // The beacon would have been sent on pagehide; a request to a recorded route lands within a few ms.
    await new Promise((resolve) => setTimeout(resolve, 500))
    const requests = await recorded('no-half')
    expect(requests).toHaveLength(8)
    expect(requests.filter((r) => 'x-perfscope-batch' in r.headers)).toEqual([])
    expect(await recorded('no-half-beacon')).toEqual([])
  })

  it('backs off after a proxy answers 400 to a request that carried a batch, and counts it as failed', async () => {
    await fetch(`${baseURL()}/__perfscope/reset`)
    const page = await newPage(FIXTURE)
    await page.waitForFunction(() => window.perfscopeReady)
    await page.evaluate(() => window.poll(2, 100))
    await expect.poll(() => page.evaluate(() => window.piggybackMonitor.snapshot().transport?.accepting)).toBe(true)
    // The calls so far are folded now, so samples wait to be sent whatever batch already rode on them; the next
    // batch is on offer within one encode interval (2 s), inside the refused poll (about 3 s), which the back-off
    // (5 s) then outlasts.
    await page.evaluate(() => window.piggybackMonitor.report())
    const before = (await serverState()).seen.length
    const stats = (await page.evaluate(() => window.piggybackMonitor.snapshot().transport))!
    await page.evaluate(() => window.poll(20, 150, '/__perfscope/refuse-batch'))
    const refused = (await serverState()).seen.slice(before).filter((r) => r.path === '/__perfscope/refuse-batch')
    expect(refused).toHaveLength(20)
    // One request carried a batch and got the 400; the back-off (5 s) kept the header off every later one.
    expect(refused.filter((r) => r.batch)).toHaveLength(1)
    expect(await page.evaluate(() => window.piggybackMonitor.snapshot().transport)).toMatchObject({
      backedOff: stats.backedOff + 1,
      failedBatches: stats.failedBatches + 1,
      sentBatches: stats.sentBatches,
    })
  })

  it('backs off when an allow-listed origin refuses the header in CORS, and counts nothing as sent', async () => {
    // An API on another origin behind the real server half, whose CORS allows simple requests but not the header.
    const perfscope = createPerfscope({ name: 'cross-origin-api', timingAllowOrigin: '*' }).middleware()
    let withBatch = 0
    const api = createServer((req, res) => {
      res.setHeader('access-control-allow-origin', '*')
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { 'access-control-allow-methods': 'GET' })
        res.end()
        return
      }
      if (req.headers['x-perfscope-batch'] !== undefined) withBatch++
      perfscope(req, res, () => res.end('[]'))
    })
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
    try {
      const other = `http://127.0.0.1:${(api.address() as AddressInfo).port}`
      const page = await newPage(`${FIXTURE}?allow=${encodeURIComponent(other)}`)
      await page.waitForFunction(() => window.perfscopeReady)
      const made = await page.evaluate((url) => window.poll(10, 150, url), `${other}/items`)
      // The one request that carried the header failed its preflight; the back-off kept it off the rest.
      expect(made).toBe(9)
      expect(withBatch).toBe(0)
      expect(await page.evaluate(() => window.piggybackMonitor.snapshot().transport)).toMatchObject({
        accepting: true,
        backedOff: 1,
        failedBatches: 1,
        sentBatches: 0,
      })
    } finally {
      await new Promise<void>((resolve) => api.close(() => resolve()))
    }
  })
})
