import { describe, expect, it } from 'vitest'
import type { Snapshot } from '@perfscope/core'
import { useBrowser } from '../../test-support/browser'
import { usePlayground } from './startPlayground'

// The network interceptors fill the table; the playground's API runs behind @perfscope/server.
describe('the Network tab on the playground', () => {
  const { newPage } = useBrowser()
  const { openApp } = usePlayground(newPage)

  it('fills the Network tab with the playground endpoints', async () => {
    const page = await openApp()
    await page.getByRole('button', { name: 'Call the flaky endpoint' }).click()
    await page.getByRole('button', { name: 'Call the slow endpoint' }).click()
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tab', { name: 'Network' }).click()
    const table = page.getByRole('table', { name: 'Endpoints' })
    await table.waitFor({ timeout: 15_000 })
    await table.getByRole('row', { name: /GET \/api\/items/ }).waitFor({ timeout: 15_000 })
    await table.getByRole('row', { name: /GET \/api\/flaky/ }).waitFor({ timeout: 15_000 })
    // The dev server runs the API behind @perfscope/server: the slow endpoint's pretend query comes back as `db`.
    await table.getByRole('row', { name: /GET \/api\/slow.*db \d/ }).waitFor({ timeout: 15_000 })
    expect(page.uncaughtErrors).toEqual([])
  })

  it('stops counting requests when the network metric is switched off in Settings', async () => {
    const page = await openApp()
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tab', { name: 'Network' }).click()
    const itemsCount = () =>
      page
        .getByRole('table', { name: 'Endpoints' })
        .getByRole('row', { name: /GET \/api\/items/ })
        .getByRole('cell')
        .nth(1)
        .textContent()
        .then(Number)
    await page
      .getByRole('table', { name: 'Endpoints' })
      .getByRole('row', { name: /GET \/api\/items/ })
      .waitFor({ timeout: 15_000 })
    const first = await itemsCount()
    await expect.poll(itemsCount, { timeout: 15_000 }).toBeGreaterThan(first)

    const before = await itemsCount()
    await page.getByRole('tab', { name: 'Settings' }).click()
    await page.getByRole('checkbox', { name: 'network', exact: true }).uncheck()
    // Two more polls go out while the metric is off; the exported snapshot has not counted them.
    for (let i = 0; i < 2; i++) await page.waitForResponse((r) => r.url().endsWith('/api/items'), { timeout: 15_000 })
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ])
    const chunks: Buffer[] = []
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer)
    const snapshot = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Snapshot
    expect(snapshot.filters.network).toBe(false)
    const counted = snapshot.endpoints.find((e) => e.key === 'GET /api/items')?.count ?? 0
    expect(counted).toBeLessThanOrEqual(before)
    await page.getByRole('tab', { name: 'Network' }).click()
    await page.getByText('Network monitoring is switched off in Settings.').waitFor()
    expect(page.uncaughtErrors).toEqual([])
  })
  it('counts load-test requests in the endpoint table only once Settings says so', async () => {
    const page = await openApp()
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tab', { name: 'Network' }).click()
    const table = page.getByRole('table', { name: 'Endpoints' })
    await table.getByRole('row', { name: /GET \/api\/items/ }).waitFor({ timeout: 15_000 })
    // The app calls /api/flaky only when its button is pressed: every call here is the test's, tagged as load traffic.
    const loadCalls = () =>
      page.evaluate(async () => {
        for (let i = 0; i < 3; i++) await fetch('/api/flaky', { headers: { 'X-Perfscope-Load': 'manual-run' } })
      })
    await loadCalls()
    await page.waitForTimeout(300)
    expect(await table.getByRole('row', { name: /GET \/api\/flaky/ }).count()).toBe(0)

    await page.getByRole('tab', { name: 'Settings' }).click()
    await page.getByRole('checkbox', { name: 'Count load-test and perfscope requests' }).check()
    await page.getByRole('tab', { name: 'Network' }).click()
    await loadCalls()
    const flaky = table.getByRole('row', { name: /GET \/api\/flaky/ })
    await expect.poll(() => flaky.getByRole('cell').nth(1).textContent(), { timeout: 15_000 }).toBe('3')
    expect(page.uncaughtErrors).toEqual([])
  })
  it('scrolls the Endpoints table sideways at the default panel width, by keyboard too, keeping the endpoint column in view', async () => {
    const page = await openApp()
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tab', { name: 'Network' }).click()
    const region = page.getByRole('region', { name: 'Endpoints, scrollable' })
    const key = region.getByRole('cell', { name: 'GET /api/items' })
    await key.waitFor({ timeout: 15_000 })
    const widths = await region.evaluate((el) => [el.scrollWidth, el.clientWidth])
    expect(widths[0]).toBeGreaterThan(widths[1]!)
    await region.focus()
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight')
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0)
    const box = (await region.boundingBox())!
    const keyBox = (await key.boundingBox())!
    expect(Math.abs(keyBox.x - box.x)).toBeLessThanOrEqual(2)
    // Scrolled and measured in one task: the live table may grow a wider cell between two separate steps.
    const overhang = await region.evaluate((el) => {
      el.scrollLeft = el.scrollWidth
      const header = [...el.querySelectorAll('th')].find((th) => th.textContent === 'Runaway')!
      return header.getBoundingClientRect().right - el.getBoundingClientRect().right
    })
    expect(overhang).toBeLessThanOrEqual(1)
  })
})
