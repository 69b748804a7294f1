import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ViteDevServer } from 'vite'
import { useBrowser, type TestPage } from '../../../../test-support/browser'
import { startReact18Server } from '../../../../test-support/react18Server'

const FIXTURES = '/packages/react/test/browser/fixtures'

describe('@perfscope/react on React 18', () => {
  const { newPage } = useBrowser()
  let server: ViteDevServer | undefined
  let url = ''
  beforeAll(async () => {
    ;({ server, url } = await startReact18Server())
  })
  afterAll(async () => {
    await server?.close()
  })

  async function open(fixture: string): Promise<TestPage> {
    const page = await newPage()
    const consoleErrors: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text())
    })
    ;(page as TestPage & { consoleErrors: string[] }).consoleErrors = consoleErrors
    await page.goto(`${url}${FIXTURES}/${fixture}`)
    return page
  }

  it('hydrates the server markup in StrictMode without a mismatch and starts monitoring', async () => {
    const page = await open('hydrate.html')
    await page.waitForFunction(() => window.hydrated)
    expect(await page.evaluate(() => window.reactVersion)).toMatch(/^18\./)
    await page.getByRole('tablist').waitFor()
    await page.getByText('monitoring on').waitFor()
    expect(await page.evaluate(() => window.hydrationErrors)).toEqual([])
    expect((page as TestPage & { consoleErrors: string[] }).consoleErrors).toEqual([])
    expect(page.uncaughtErrors).toEqual([])
  })

  it('opens the floating overlay, walks every tab, and counts each fetch once despite StrictMode double effects', async () => {
    const page = await open('overlay.html')
    await page.waitForFunction(() => window.overlayMounted)
    expect(await page.evaluate(() => window.reactVersion)).toMatch(/^18\./)
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    for (const tab of ['Overview', 'Network', 'Vitals', 'Memory', 'Load', 'History', 'Settings']) {
      await page.getByRole('tab', { name: tab }).click()
      await page.locator(`[role="tab"][aria-selected="true"]`, { hasText: tab }).waitFor()
    }
    await page.evaluate(async () => {
      for (let i = 0; i < 3; i++)
        await (await fetch('/packages/react/test/browser/fixtures/overlay.html?n=' + i)).text()
    })
    // Network figures are published at most every 100-500 ms: wait for all three, then one more publish, so a
    // double count (6) would show.
    await page.waitForFunction(() =>
      window.overlayMonitor.snapshot().endpoints.some((e) => e.key.endsWith('overlay.html') && e.count >= 3),
    )
    await page.waitForTimeout(600)
    const counts = await page.evaluate(() => window.overlayMonitor.snapshot().endpoints.map((e) => [e.key, e.count]))
    expect(counts).toContainEqual(['GET /packages/react/test/browser/fixtures/overlay.html', 3])
    await page.keyboard.press('Alt+Shift+P')
    await page.getByRole('tablist').waitFor({ state: 'detached' })
    expect((page as TestPage & { consoleErrors: string[] }).consoleErrors).toEqual([])
    expect(page.uncaughtErrors).toEqual([])
  })
})
