import { describe, expect, it } from 'vitest'
import { useBrowser, type TestPage } from '../../test-support/browser'
import { usePlayground } from './startPlayground'

/** Another tab in the same browser context (same origin, same storage), with its errors collected. */
async function openTab(beside: TestPage, url: string): Promise<TestPage> {
  const page = (await beside.context().newPage()) as TestPage
  page.uncaughtErrors = []
  page.on('pageerror', (error) => page.uncaughtErrors.push(String(error)))
  await page.goto(url)
  return page
}

describe('/dev/performance as a page of its own', () => {
  const { newPage } = useBrowser()
  const { url, openApp } = usePlayground(newPage)

  async function appWithItems(): Promise<TestPage> {
    const app = await openApp()
    await app.getByRole('list', { name: 'Items' }).getByRole('listitem').first().waitFor()
    return app
  }

  it('shows the endpoints of the app open in another tab, then the stored day once that tab closes', async () => {
    const app = await appWithItems()
    const dev = await openTab(app, `${url()}/dev/performance`)
    await dev.getByRole('tablist').waitFor()
    const source = dev.getByRole('combobox', { name: 'Data from' })
    await expect.poll(() => source.inputValue(), { timeout: 10_000 }).toBe('merged')
    await dev.getByRole('tab', { name: 'Network', exact: true }).click()
    await dev.getByRole('cell', { name: 'GET /api/items' }).first().waitFor({ timeout: 10_000 })

    await app.close({ runBeforeUnload: true })
    await expect.poll(() => source.inputValue(), { timeout: 10_000 }).toBe('history')
    await dev.getByRole('cell', { name: 'GET /api/items' }).first().waitFor()
    expect(dev.uncaughtErrors).toEqual([])
  })

  it('lets the user pick one tab or see several merged', async () => {
    const app = await appWithItems()
    const second = await openTab(app, `${url()}/live`)
    const dev = await openTab(app, `${url()}/dev/performance`)
    const source = dev.getByRole('combobox', { name: 'Data from' })
    await dev.getByRole('option', { name: 'All open tabs (2)' }).waitFor({ state: 'attached', timeout: 10_000 })
    const tabOptions = dev.getByRole('option', { name: /^Tab: / })
    await expect.poll(() => tabOptions.count()).toBe(2)
    const live = await dev.getByRole('option', { name: /— \/live$/ }).getAttribute('value')
    await source.selectOption(live!)
    await dev.getByRole('status').getByText('One tab, live').waitFor()
    await second.close({ runBeforeUnload: true })
    // The chosen tab went away: the page falls back to what is left.
    await expect.poll(() => source.inputValue(), { timeout: 10_000 }).toBe('merged')
    expect(dev.uncaughtErrors).toEqual([])
  })

  it('renders no floating toggle on the page route, and its hotkey opens no second panel', async () => {
    const app = await appWithItems()
    const dev = await openTab(app, `${url()}/dev/performance`)
    await dev.getByRole('tablist').waitFor()
    expect(await dev.getByRole('button', { name: 'Performance overlay' }).count()).toBe(0)
    await dev.keyboard.press('Alt+Shift+KeyP')
    await dev.waitForTimeout(300)
    expect(await dev.locator('[data-perfscope-overlay]').count()).toBe(1)
    expect(await dev.getByRole('tablist').count()).toBe(1)
    expect(dev.uncaughtErrors).toEqual([])
  })

  it('load-tests from the page an endpoint seen in another tab, or a path typed in', async () => {
    const app = await appWithItems()
    const dev = await openTab(app, `${url()}/dev/performance`)
    await dev.getByRole('tab', { name: 'Load', exact: true }).click()
    const replayed = dev.getByRole('checkbox', { name: 'GET /api/items' })
    await replayed.waitFor({ timeout: 10_000 })
    const start = dev.getByRole('button', { name: 'Start', exact: true })
    await replayed.uncheck()
    await expect.poll(() => start.isDisabled()).toBe(true)
    await dev.getByRole('textbox', { name: 'Path or URL to replay' }).fill('/api/items?page=2')
    await dev.getByRole('button', { name: 'Add', exact: true }).click()
    await expect.poll(() => start.isEnabled()).toBe(true)
    await dev.getByRole('combobox', { name: 'Preset' }).selectOption('smoke')
    await dev.getByRole('spinbutton', { name: 'Duration (s)' }).fill('2')
    await start.click()
    const results = dev.getByRole('region', { name: 'Results' })
    await results.getByText('completed').waitFor({ timeout: 20_000 })
    await results.getByRole('cell', { name: 'GET /api/items' }).waitFor()
    expect(dev.uncaughtErrors).toEqual([])
  })
})
