import { describe, expect, it } from 'vitest'
import { useBrowser, type TestPage } from '../../../../test-support/browser'

const FIXTURE = '/packages/core/test/browser/fixtures/sources.html'

async function open(newPage: (path?: string) => Promise<TestPage>): Promise<TestPage> {
  const page = await newPage(FIXTURE)
  await page.waitForFunction(() => window.sourcesReady)
  return page
}

describe('browser sources in Chromium', () => {
  const { newPage } = useBrowser()

  it('sees LCP with its element, CLS with its source, INP with its target, FCP and TTFB', async () => {
    const page = await open(newPage)
    await page.evaluate(() => window.shift())
    await page.click('#buy')
    await page.waitForFunction(() => {
      const v = window.sourcesMonitor.snapshot().vitals
      return v.LCP && v.CLS && v.INP && v.FCP && v.TTFB && v.CLS.value > 0
    })
    const vitals = await page.evaluate(() => window.sourcesMonitor.snapshot().vitals)
    expect(vitals.LCP!.attribution.element).toBe('#hero')
    expect(vitals.LCP!.rating).toMatch(/good|needs-improvement|poor/)
    expect(vitals.CLS!.attribution.largestShiftTarget).toBeTruthy()
    expect(vitals.INP!.attribution).toMatchObject({ target: '#buy', type: 'pointer' })
    expect(vitals.INP!.value).toBeGreaterThanOrEqual(100)
    expect(vitals.FCP!.value).toBeGreaterThan(0)
    expect(vitals.TTFB!.value).toBeGreaterThanOrEqual(0)
    const shifts = await page.evaluate(() => window.sourcesMonitor.snapshot().layoutShifts)
    expect(shifts.count).toBeGreaterThan(0)
    expect(shifts.largest!.source).toBeTruthy()
    expect(page.uncaughtErrors).toEqual([])
  })

  it('records long tasks, long animation frames, interactions, paint and navigation timing', async () => {
    const page = await open(newPage)
    await page.evaluate(() => window.busy(120))
    await page.click('#buy')
    await page.waitForFunction(() => {
      const s = window.sourcesMonitor.snapshot()
      return (
        s.longTasks.count > 0 &&
        s.longAnimationFrames.count > 0 &&
        s.events.count > 0 &&
        s.paint &&
        s.navigation &&
        s.navigation.load > 0
      )
    })
    const s = await page.evaluate(() => window.sourcesMonitor.snapshot())
    expect(s.longTasks.duration.max).toBeGreaterThanOrEqual(100)
    expect(s.support).toMatchObject({ longtask: 'supported', 'long-animation-frame': 'supported', event: 'supported' })
    expect(s.paint!.firstContentfulPaint).toBeGreaterThan(0)
    expect(s.navigation!.type).toBe('navigate')
  })

  it('times single-page route changes to the next paint, grouped by route pattern', async () => {
    const page = await open(newPage)
    await page.evaluate(async () => {
      history.pushState({}, '', '/users/1')
      await new Promise((r) => setTimeout(r, 50))
      history.pushState({}, '', '/users/2?tab=posts')
      await new Promise((r) => setTimeout(r, 50))
      history.replaceState({}, '', '/users/2?tab=likes') // same path: not a route change
      history.back()
      await new Promise((r) => setTimeout(r, 100))
    })
    await page.waitForFunction(() =>
      window.sourcesMonitor.snapshot().routes.some((r) => r.route === '/users/:id' && r.count >= 3),
    )
    const routes = await page.evaluate(() => window.sourcesMonitor.snapshot().routes)
    const users = routes.find((r) => r.route === '/users/:id')!
    expect(users.count).toBe(3)
    expect(users.duration.p50).toBeGreaterThan(0)
  })

  it('reports memory and DOM nodes in Chromium, and an unsupported entry type as unsupported', async () => {
    const page = await open(newPage)
    await page.waitForFunction(() => window.sourcesMonitor.snapshot().memory !== null)
    const s = await page.evaluate(() => window.sourcesMonitor.snapshot())
    expect(s.memory!.usedJSHeapSize).toBeGreaterThan(0)
    expect(s.memory!.domNodes).toBeGreaterThan(5)
    expect(s.support.memory).toBe('supported')
    const unsupported = await page.evaluate(() => window.supportOfUnknownEntryType())
    expect(unsupported).toBe('unsupported')
  })

  it('creates no interval and no self-rearming timer or frame loop unless watched (zero polling loops)', async () => {
    const page = await open(newPage)
    await page.evaluate(async () => {
      for (let i = 0; i < 3; i++) {
        history.pushState({}, '', `/items/${i}`)
        await fetch('/__test/json?size=100')
        window.busy(60)
        await new Promise((r) => setTimeout(r, 100))
      }
    })
    await page.click('#buy')
    await page.waitForTimeout(1500)
    const idle = await page.evaluate(() => ({ ...window.timerCounts }))
    expect(idle.interval).toBe(0)
    expect(idle.rearmedTimeout).toBe(0)
    expect(idle.rearmedRaf).toBe(0)

    const watched = await page.evaluate(async () => {
      const release = window.sourcesMonitor.watch()
      await new Promise((r) => setTimeout(r, 1200))
      // A loaded machine may not have published a frame rate yet: wait for it, within bounds.
      for (let i = 0; i < 40 && window.sourcesMonitor.snapshot().frames === null; i++)
        await new Promise((r) => setTimeout(r, 100))
      const frames = window.sourcesMonitor.snapshot().frames
      const during = window.timerCounts.rearmedRaf
      release()
      await new Promise((r) => setTimeout(r, 100))
      const after = window.timerCounts.rearmedRaf
      await new Promise((r) => setTimeout(r, 500))
      return { during, after, later: window.timerCounts.rearmedRaf, frames }
    })
    expect(watched.during).toBeGreaterThan(10)
    expect(watched.later).toBe(watched.after)
    expect(watched.frames!.fps).toBeGreaterThan(0)
  })

  it('restores history methods exactly and stops observing on stop()', async () => {
    const page = await open(newPage)
    const result = await page.evaluate(async () => {
      const monitor = window.sourcesMonitor
      monitor.stop()
      const push =
        history.pushState === History.prototype.pushState && !Object.prototype.hasOwnProperty.call(history, 'pushState')
      const replace =
        history.replaceState === History.prototype.replaceState &&
        !Object.prototype.hasOwnProperty.call(history, 'replaceState')
      const before = monitor.snapshot().longTasks.count
      window.busy(120)
      await new Promise((r) => setTimeout(r, 300))
      return { push, replace, before, after: monitor.snapshot().longTasks.count }
    })
    expect(result.push).toBe(true)
    expect(result.replace).toBe(true)
    expect(result.after).toBe(result.before)
  })
})
