import { describe, expect, it } from 'vitest'
import { useBrowser, type TestPage } from '../../../../test-support/browser'
import { installRenderCounter, installStoreCounter, type CounterWindow } from './renderCounter'
import { OVERLAY_FIXTURE } from './fixtures/overlayFixture.ts'

/** The app's polling: 60 requests, one every 50 ms (20 per second at most, about 3 s). */
const POLLS = 60
const POLL_GAP_MS = 50

/** Opens the overlay on `tab` and waits until it has drawn a chart and settled. */
async function openPanel(page: TestPage, tab: string): Promise<void> {
  await page.addInitScript(installRenderCounter)
  await page.goto(OVERLAY_FIXTURE)
  await page.getByRole('button', { name: 'Performance overlay' }).click()
  await page.waitForFunction(() => performance.getEntriesByName('perfscope:first-chart').length > 0)
  await page.getByRole('tab', { name: tab }).click()
  await page.getByRole('tab', { name: tab, selected: true }).waitFor()
  await page.evaluate(installStoreCounter)
  await page.waitForTimeout(500)
}

/** Polls an endpoint while counting the panel's renders and the snapshot's changes; returns both. */
async function countWhilePolling(
  page: TestPage,
): Promise<{ renders: Record<string, number>; changes: Record<string, number> }> {
  await page.evaluate(
    async ({ polls, gap }) => {
      const w = window as unknown as CounterWindow
      w.countRenders = true
      for (let i = 0; i < polls; i++) {
        await fetch(`/__test/json?poll=${i % 3}`)
        await new Promise((r) => setTimeout(r, gap))
      }
      // The last requests are published within the network's coalescing delay; budgets follow when idle.
      await new Promise((r) => setTimeout(r, 600))
      w.countRenders = false
    },
    { polls: POLLS, gap: POLL_GAP_MS },
  )
  return page.evaluate(() => {
    const w = window as unknown as CounterWindow
    return { renders: { ...w.renderCounts }, changes: { ...w.storeChanges } }
  })
}

/** Snapshot changes that replaced any of `keys`: what a section that selects those keys may at most render. */
const touched = (changes: Record<string, number>, ...keys: string[]) =>
  keys.reduce((sum, key) => sum + (changes[key] ?? 0), 0)
const rendersOf = (renders: Record<string, number>, name: string) => renders[name] ?? 0

describe('the open panel while the app polls', () => {
  const { newPage } = useBrowser()

  it('re-renders each Overview card only when its slice changed, and the endpoint card at most once per publish', async () => {
    const page = await newPage()
    await openPanel(page, 'Overview')
    const { renders, changes } = await countWhilePolling(page)

    // The polling moved the snapshot many times: selecting the whole snapshot would render every section that often.
    expect(changes.total).toBeGreaterThanOrEqual(10)
    expect(changes.endpoints).toBeGreaterThanOrEqual(5)
    // The endpoint card follows the network, at most once per publish of the endpoint figures (which the core
    // coalesces across requests), whatever else moved in between.
    expect(rendersOf(renders, 'ApiHealthCard')).toBeGreaterThanOrEqual(1)
    expect(rendersOf(renders, 'ApiHealthCard')).toBeLessThanOrEqual(changes.endpoints!)
    // The rest renders only when its own slice changed; the tab and its chart never render again.
    expect(rendersOf(renders, 'OverviewTab')).toBe(0)
    expect(rendersOf(renders, 'Chart')).toBe(0)
    expect(rendersOf(renders, 'OverviewVitals')).toBeLessThanOrEqual(touched(changes, 'vitals', 'filters'))
    expect(rendersOf(renders, 'FrameRateCard')).toBeLessThanOrEqual(touched(changes, 'frames'))
    expect(rendersOf(renders, 'HeapCard')).toBeLessThanOrEqual(touched(changes, 'memory'))
    expect(rendersOf(renders, 'LongTasksCard')).toBeLessThanOrEqual(touched(changes, 'longTasks'))
    expect(rendersOf(renders, 'AlertsSection')).toBeLessThanOrEqual(changes.alertRows!)
    expect(rendersOf(renders, 'AlertsSection')).toBeLessThan(changes.endpoints!)
    expect(page.uncaughtErrors).toEqual([])
  })

  it('does not re-render the Vitals tab when only network figures change', async () => {
    const page = await newPage()
    await openPanel(page, 'Vitals')
    const { renders, changes } = await countWhilePolling(page)

    expect(changes.total).toBeGreaterThanOrEqual(10)
    expect(changes.endpoints).toBeGreaterThanOrEqual(5)
    expect(rendersOf(renders, 'VitalsTab')).toBe(0)
    expect(rendersOf(renders, 'Chart')).toBe(0)
    expect(rendersOf(renders, 'VitalDetails')).toBeLessThanOrEqual(touched(changes, 'vitals', 'filters'))
    expect(rendersOf(renders, 'RoutesSection')).toBeLessThanOrEqual(touched(changes, 'navigation', 'routes'))
    expect(rendersOf(renders, 'TaskCards')).toBeLessThanOrEqual(touched(changes, 'longTasks', 'longAnimationFrames'))
    expect(rendersOf(renders, 'RendersSection')).toBeLessThanOrEqual(touched(changes, 'renders'))
    expect(page.uncaughtErrors).toEqual([])
  })
})
