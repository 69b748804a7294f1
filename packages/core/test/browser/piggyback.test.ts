import { describe, expect, it } from 'vitest'
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

    const timings = await page.evaluate(() => {
      const endpoint = window.piggybackMonitor.snapshot().endpoints.find((e) => e.key.includes('/__perfscope/items'))
      return endpoint?.serverTiming?.map((t) => t.name) ?? []
    })
    expect(timings).toEqual(expect.arrayContaining(['total', 'db']))

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
})
