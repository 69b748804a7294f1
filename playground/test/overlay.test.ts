import { describe, expect, it } from 'vitest'
import { useBrowser } from '../../test-support/browser'
import { usePlayground } from './startPlayground'

const TABS = ['Overview', 'Network', 'Vitals', 'Memory', 'Load', 'History', 'Settings'] as const

describe('<PerfOverlay/> on the playground', () => {
  const { newPage } = useBrowser()
  const { url, openApp } = usePlayground(newPage)

  it('loads the panel code only when the overlay is first opened', async () => {
    const page = await openApp()
    const panelRequests: string[] = []
    page.on('request', (r) => {
      if (r.url().includes('/panel/')) panelRequests.push(r.url())
    })
    await page.getByRole('button', { name: 'Performance overlay' }).waitFor()
    expect(panelRequests).toEqual([])
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tablist').waitFor()
    expect(panelRequests.some((u) => u.includes('/panel/Panel.tsx'))).toBe(true)
    expect(page.uncaughtErrors).toEqual([])
  })

  it('clicks through every tab by its accessible name', async () => {
    const page = await openApp()
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    for (const name of TABS) {
      const tab = page.getByRole('tab', { name, exact: true })
      await tab.click()
      await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true')
      await expect
        .poll(() => page.getByRole('tabpanel').getAttribute('aria-labelledby'))
        .toBe(`ps-tab-${name.toLowerCase()}`)
    }
    await expect.poll(() => page.getByRole('tab', { selected: true }).count()).toBe(1)
    expect(page.uncaughtErrors).toEqual([])
  })

  it('moves between tabs with the arrow keys (a keyboard-navigable tablist)', async () => {
    const page = await openApp()
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tab', { name: 'Overview' }).focus()
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => page.getByRole('tab', { name: 'Network' }).getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('End')
    await expect.poll(() => page.getByRole('tab', { name: 'Settings' }).getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => page.getByRole('tab', { name: 'Overview' }).getAttribute('aria-selected')).toBe('true')
  })

  it('opens and closes the panel with the Alt+Shift+P hotkey and remembers it across a reload', async () => {
    const page = await openApp()
    const tablist = page.getByRole('tablist')
    await page.getByRole('button', { name: 'Performance overlay' }).waitFor()
    expect(await tablist.count()).toBe(0)
    await page.keyboard.press('Alt+Shift+KeyP')
    await tablist.waitFor()
    await page.reload()
    await tablist.waitFor()
    await page.keyboard.press('Alt+Shift+KeyP')
    await tablist.waitFor({ state: 'detached' })
    expect(page.uncaughtErrors).toEqual([])
  })

  it('closes with Escape from inside the panel and gives focus back to the toggle button', async () => {
    const page = await openApp()
    const toggle = page.getByRole('button', { name: 'Performance overlay' })
    await toggle.click()
    await page.getByRole('tab', { name: 'Memory' }).click()
    await page.keyboard.press('Escape')
    await page.getByRole('tablist').waitFor({ state: 'detached' })
    expect(await toggle.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true)
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
  })

  it('lets the toggle button be dragged without opening the panel, and remembers where it was left', async () => {
    const page = await openApp()
    const toggle = page.getByRole('button', { name: 'Performance overlay' })
    const start = (await toggle.boundingBox())!
    await page.mouse.move(start.x + 20, start.y + 20)
    await page.mouse.down()
    await page.mouse.move(start.x - 100, start.y - 80, { steps: 8 })
    await page.mouse.up()
    const moved = (await toggle.boundingBox())!
    expect(Math.round(moved.x - start.x)).toBe(-120)
    expect(Math.round(moved.y - start.y)).toBe(-100)
    expect(await page.getByRole('tablist').count()).toBe(0)
    await page.reload()
    await expect.poll(async () => Math.round((await toggle.boundingBox())!.x - start.x)).toBe(-120)
  })

  it('keeps the toggle in the window when its remembered position lies outside it', async () => {
    const page = await newPage()
    await page.addInitScript(() => {
      localStorage.setItem(
        'perfscope:overlay',
        JSON.stringify({ open: false, tab: null, width: null, height: null, dx: -5000, dy: 3000 }),
      )
    })
    await page.goto(url())
    const box = (await page.getByRole('button', { name: 'Performance overlay' }).boundingBox())!
    const viewport = page.viewportSize()!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height)
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tablist').waitFor()
  })

  it('resizes the panel from its free corner and remembers the size across a reload', async () => {
    const page = await openApp()
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    const panel = page.locator('[data-perfscope-overlay] .ps-panel')
    await panel.waitFor()
    const before = (await panel.boundingBox())!
    const grip = (await page.locator('[data-perfscope-overlay] .ps-resize').boundingBox())!
    await page.mouse.move(grip.x + 7, grip.y + 7)
    await page.mouse.down()
    await page.mouse.move(grip.x + 7 - 100, grip.y + 7 - 50, { steps: 6 })
    await page.mouse.up()
    const after = (await panel.boundingBox())!
    expect(Math.round(after.width - before.width)).toBe(100)
    expect(Math.round(after.height - before.height)).toBe(50)
    await page.reload()
    await panel.waitFor()
    expect(Math.round((await panel.boundingBox())!.width)).toBe(Math.round(after.width))
  })

  it('marks panel-open and first-chart so the time to the first chart can be measured', async () => {
    const page = await openApp()
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.waitForFunction(() => performance.getEntriesByName('perfscope:first-chart').length > 0)
    const [open, chart] = await page.evaluate(() => [
      performance.getEntriesByName('perfscope:panel-open')[0]!.startTime,
      performance.getEntriesByName('perfscope:first-chart')[0]!.startTime,
    ])
    expect(chart).toBeGreaterThan(open!)
    expect(await page.locator('[data-perfscope-overlay] >> canvas').count()).toBeGreaterThan(0)
  })

  it('stops recording renders when the renders metric is switched off in Settings', async () => {
    const page = await openApp()
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tab', { name: 'Vitals' }).click()
    const updates = () =>
      page
        .getByRole('table', { name: 'Renders' })
        .getByRole('row', { name: /ItemList/ })
        .getByRole('cell')
        .nth(2)
        .textContent()
        .then(Number)
    // The list re-renders on every poll (2–5 s): the count grows while the metric is on.
    await page.getByRole('table', { name: 'Renders' }).waitFor()
    const first = await updates()
    await expect.poll(updates, { timeout: 15_000 }).toBeGreaterThan(first)

    await page.getByRole('tab', { name: 'Settings' }).click()
    const renders = page.getByRole('checkbox', { name: 'renders', exact: true })
    await renders.uncheck()
    expect(await renders.isChecked()).toBe(false)
    await page.getByRole('tab', { name: 'Vitals' }).click()
    const frozen = await updates()
    // Two more polls re-render the list; none of them is recorded.
    for (let i = 0; i < 2; i++) await page.waitForResponse((r) => r.url().endsWith('/api/items'), { timeout: 15_000 })
    await page.waitForTimeout(200)
    expect(await updates()).toBe(frozen)
  })

  it('shows the core budgets in Settings, switches the environment, adds and removes one, and refuses one that does not parse', async () => {
    const page = await openApp()
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tab', { name: 'Settings' }).click()
    const active = page.getByRole('list', { name: 'Active budgets' })
    await active.getByText('vital.LCP: p(75)<=2500').waitFor()
    const environment = page.getByRole('combobox', { name: 'Budget environment' })
    await environment.selectOption('staging')
    await expect.poll(() => environment.inputValue()).toBe('staging')
    await page.getByRole('textbox', { name: 'Budget metric' }).fill('GET /api/*')
    const input = page.getByRole('textbox', { name: 'New budget' })
    await input.fill('p(95) is small')
    await page.getByRole('button', { name: 'Add budget' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('p(95) is small')
    await input.fill('p(99)<1500')
    await page.getByRole('button', { name: 'Add budget' }).click()
    const remove = page.getByRole('button', { name: 'Remove budget GET /api/* critical p(99)<1500' })
    await remove.click()
    await remove.waitFor({ state: 'detached' })
    expect(page.uncaughtErrors).toEqual([])
  })

  it('fills /dev/performance with the panel in page mode, without a toggle button', async () => {
    const page = await newPage()
    await page.goto(`${url()}/dev/performance`)
    await page.getByRole('tablist').waitFor()
    for (const name of TABS) expect(await page.getByRole('tab', { name, exact: true }).count()).toBe(1)
    expect(await page.getByRole('button', { name: 'Performance overlay' }).count()).toBe(0)
    expect(page.uncaughtErrors).toEqual([])
  })
})
