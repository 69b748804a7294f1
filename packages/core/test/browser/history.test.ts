import { describe, expect, it } from 'vitest'
import { useBrowser, type TestPage } from '../../../../test-support/browser'

const FIXTURE = '/packages/core/test/browser/fixtures/history.html'

async function ready(page: TestPage): Promise<void> {
  await page.waitForFunction(() => window.historyReady)
  await page.waitForFunction(() => window.historyMonitor.snapshot().history?.status !== 'starting')
}

describe('history in IndexedDB (Chromium)', () => {
  const { newPage } = useBrowser()

  it('survives a reload', async () => {
    const page = await newPage(FIXTURE)
    await ready(page)
    await page.evaluate(async () => {
      await fetch('/__test/json?size=50')
      // The network figures are published at most every 100 ms.
      while (window.historyMonitor.snapshot().endpoints.length === 0) await new Promise((r) => setTimeout(r, 20))
      await window.historyMonitor.history.save()
    })
    await page.reload()
    await ready(page)
    const days = await page.evaluate(() => window.historyMonitor.history.days())
    expect(await page.evaluate(() => window.historyMonitor.snapshot().history!.status)).toBe('indexeddb')
    expect(days).toHaveLength(1)
    expect(days[0]!.endpoints.some((e) => e.key.startsWith('GET /__test/json'))).toBe(true)
  })

  it('reads the store once at start-up unless a baseline is pinned, and then reads the baseline too', async () => {
    const page = await newPage(FIXTURE)
    await ready(page)
    // The keys prove the database works and say what else is there: nothing else to read on a fresh store.
    await page.waitForFunction(() => window.idbTransactionsAtStart !== null)
    expect(await page.evaluate(() => window.idbTransactionsAtStart)).toBe(1)
    const today = await page.evaluate(async () => {
      const h = window.historyMonitor.history
      await h.save()
      const date = (await h.days())[0]!.date
      await h.pin(date)
      // Stopped, the page leaves no journal for the next one to fold (a reload's journal costs a read and a write).
      window.historyMonitor.stop()
      return date
    })
    const next = (await page.context().newPage()) as typeof page
    await next.goto(FIXTURE)
    await ready(next)
    await next.waitForFunction(() => window.idbTransactionsAtStart !== null)
    const after = await next.evaluate(() => ({
      baseline: window.historyMonitor.snapshot().history!.baseline,
      days: window.historyMonitor.snapshot().history!.days,
      transactions: window.idbTransactionsAtStart,
    }))
    expect(after).toEqual({ baseline: today, days: 1, transactions: 2 })
  })

  it('prunes request detail after 30 days and summaries after 6 months, by a controllable clock', async () => {
    const page = await newPage(FIXTURE)
    await ready(page)
    const kept = await page.evaluate(async () => {
      const h = window.historyMonitor.history
      await h.clear()
      await h.save()
      const first = (await h.days())[0]!.date
      window.travel(40)
      await h.save()
      // A new monitor starts with the moved clock: its start-up prunes.
      window.historyMonitor.stop()
      window.historyMonitor.start()
      await new Promise((r) => setTimeout(r, 300))
      const afterDetail = { days: (await h.days()).length, detail: (await h.detail(first)).length }
      window.travel(200)
      window.historyMonitor.stop()
      window.historyMonitor.start()
      await new Promise((r) => setTimeout(r, 300))
      return { afterDetail, afterSummary: (await h.days()).map((d) => d.date) }
    })
    expect(kept.afterDetail.days).toBe(2)
    expect(kept.afterDetail.detail).toBe(0)
    expect(kept.afterSummary).toHaveLength(1)
  })

  it('recounts its days and drops its pins when another tab clears the store', async () => {
    const first = await newPage(FIXTURE)
    await ready(first)
    await first.evaluate(async () => {
      const h = window.historyMonitor.history
      await h.clear()
      await h.save()
      window.travel(1)
      await h.save()
    })
    const second = (await first.context().newPage()) as typeof first
    await second.goto(FIXTURE)
    await ready(second)
    const before = await second.evaluate(async () => {
      const h = window.historyMonitor.history
      await h.save()
      await h.pin((await h.days())[0]!.date)
      return window.historyMonitor.snapshot().history
    })
    expect(before).toMatchObject({ days: 2, baseline: expect.any(String) })
    await first.evaluate(() => window.historyMonitor.history.clear())
    await second.waitForFunction(() => window.historyMonitor.snapshot().history!.days === 0)
    const after = await second.evaluate(async () => {
      const h = window.historyMonitor.history
      await h.save()
      return { state: window.historyMonitor.snapshot().history, compared: await h.compare() }
    })
    // Its next write counts as a new day: the store holds that day alone.
    expect(after).toEqual({ state: expect.objectContaining({ days: 1, baseline: null }), compared: [] })
  })

  it('keeps a working monitor in memory when IndexedDB is unavailable, and says so', async () => {
    const page = await newPage(`${FIXTURE}?noidb`)
    await ready(page)
    const result = await page.evaluate(async () => {
      await fetch('/__test/json?size=50')
      // The network figures are published at most every 100 ms.
      while (window.historyMonitor.snapshot().endpoints.length === 0) await new Promise((r) => setTimeout(r, 20))
      await window.historyMonitor.history.save()
      const s = window.historyMonitor.snapshot()
      return {
        history: s.history,
        days: (await window.historyMonitor.history.days()).length,
        endpoints: s.endpoints.length,
        errors: s.errors.count,
      }
    })
    expect(result.history).toMatchObject({ status: 'memory', reason: expect.stringContaining('denied') })
    expect(result.days).toBe(1)
    expect(result.endpoints).toBeGreaterThan(0)
    expect(page.uncaughtErrors).toEqual([])
  })

  it('skips and counts a corrupted record instead of failing', async () => {
    const page = await newPage(FIXTURE)
    await ready(page)
    const result = await page.evaluate(async () => {
      const h = window.historyMonitor.history
      await h.clear()
      await h.save()
      await window.corrupt('day:2026-01-01:broken')
      const days = await h.days()
      return { days: days.length, skipped: window.historyMonitor.snapshot().history!.skipped }
    })
    expect(result).toEqual({ days: 1, skipped: 1 })
  })

  it('compares a day with a pinned baseline and exports every format from a real page', async () => {
    const page = await newPage(FIXTURE)
    await ready(page)
    const result = await page.evaluate(async () => {
      const m = window.historyMonitor
      await m.history.clear()
      await fetch('/__test/json?size=50')
      await m.history.save()
      const today = (await m.history.days())[0]!.date
      await m.history.pin(today)
      const regressions = await m.history.compare()
      const exports = Object.fromEntries(
        await Promise.all(
          (['json', 'csv', 'har', 'otlp'] as const).map(async (f) => [f, (await m.export(f)) as string]),
        ),
      )
      return { baseline: m.snapshot().history!.baseline === today, regressions, exports }
    })
    expect(result.baseline).toBe(true)
    expect(result.regressions).toEqual([])
    expect(JSON.parse(result.exports.json!).schema).toBe('perfscope-report')
    expect(JSON.parse(result.exports.har!).log.entries.length).toBeGreaterThan(0)
    expect(JSON.parse(result.exports.otlp!).resourceMetrics).toHaveLength(1)
    expect(result.exports.csv!.split('\r\n')[0]).toMatch(/^kind,key,count/)
  })
})
