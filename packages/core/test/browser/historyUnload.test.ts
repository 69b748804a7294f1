import { describe, expect, it } from 'vitest'
import { useBrowser, type TestPage } from '../../../../test-support/browser'
import { WRITE_SETTLE_MS } from '../../src/features/history/history.ts'
import { NETWORK_PUBLISH_UNWATCHED_MS } from '../../src/features/network/networkCollector.ts'

const FIXTURE = '/packages/core/test/browser/fixtures/history.html'

async function ready(page: TestPage): Promise<void> {
  await page.waitForFunction(() => window.historyReady)
  await page.waitForFunction(() => window.historyMonitor.snapshot().history?.status !== 'starting')
}

/**
 * A page's life as the app would live it: one call at once (history writes its first record soon after), then,
 * a second later, three more calls to two more endpoints.
 */
async function live(page: TestPage): Promise<void> {
  await page.evaluate(async () => {
    await (await fetch('/__test/json?n=1')).text()
    await new Promise((r) => setTimeout(r, 1200))
    await (await fetch('/__test/json?n=2')).text()
    await (await fetch('/__test/echo')).text()
    await (await fetch('/__test/bytes?size=16')).text()
  })
}

const EXPECTED = { 'GET /__test/json': 2, 'GET /__test/echo': 1, 'GET /__test/bytes': 1 }

/** Counts per endpoint in today's stored record, as the next page load of the origin reads them. */
async function storedCounts(page: TestPage): Promise<Record<string, number>> {
  await ready(page)
  return page.evaluate(async () => {
    const days = await window.historyMonitor.history.days()
    const today = days[days.length - 1]
    const counts: Record<string, number> = {}
    for (const e of today?.endpoints ?? []) if (e.key.startsWith('GET /__test/')) counts[e.key] = e.count
    return counts
  })
}

describe('history keeps everything a page measured (Chromium)', () => {
  const { newPage } = useBrowser()

  it('after a reload right after the last call', async () => {
    const page = await newPage(FIXTURE)
    await ready(page)
    await live(page)
    await page.reload()
    expect(await storedCounts(page)).toEqual(EXPECTED)
  })

  it('after a same-tab navigation right after the last call', async () => {
    const page = await newPage(FIXTURE)
    await ready(page)
    await live(page)
    await page.goto('/__test/echo?elsewhere')
    await page.goto(FIXTURE)
    expect(await storedCounts(page)).toEqual(EXPECTED)
  })

  it('after the tab is closed right after the last call', async () => {
    const page = await newPage(FIXTURE)
    await ready(page)
    await live(page)
    await page.close({ runBeforeUnload: true })
    const next = await page.context().newPage()
    await next.goto(FIXTURE)
    expect(await storedCounts(next as TestPage)).toEqual(EXPECTED)
  })

  it('in a page already open, once another tab closed right after its last call', async () => {
    const reader = await newPage(FIXTURE)
    await ready(reader)
    const page = (await reader.context().newPage()) as TestPage
    await page.goto(FIXTURE)
    await ready(page)
    await live(page)
    await page.close({ runBeforeUnload: true })
    expect(await storedCounts(reader)).toEqual(EXPECTED)
  })

  it('after a crash that came after the last idle moment (no pagehide)', async () => {
    const page = await newPage(FIXTURE)
    await ready(page)
    await live(page)
    // An idle moment: nothing is asked of the page for a while, as when a user reads what it shows. The last calls
    // are published within NETWORK_PUBLISH_UNWATCHED_MS, settle for WRITE_SETTLE_MS, and are written at the next
    // idle callback (a second at most).
    await page.waitForTimeout(NETWORK_PUBLISH_UNWATCHED_MS + WRITE_SETTLE_MS + 2000)
    const cdp = await page.context().newCDPSession(page)
    // The renderer dies at once: no pagehide, no visibilitychange, and the command itself never answers.
    const crashed = page.waitForEvent('crash')
    void cdp.send('Page.crash').catch(() => {})
    await crashed
    const next = await page.context().newPage()
    await next.goto(FIXTURE)
    expect(await storedCounts(next as TestPage)).toEqual(EXPECTED)
  })
})
