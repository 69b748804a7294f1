import { describe, expect, it } from 'vitest'
import { useBrowser } from '../../../../test-support/browser'

describe('hydrating server-rendered markup', () => {
  const { newPage } = useBrowser()

  it('hydrates the markup renderToString produced without a mismatch, then shows the overlay and starts monitoring', async () => {
    const page = await newPage()
    const consoleErrors: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text())
    })
    await page.goto('/packages/react/test/browser/fixtures/hydrate.html')
    await page.waitForFunction(() => window.hydrated)
    await page.getByRole('tablist').waitFor()
    await page.getByText('monitoring on').waitFor()
    expect(await page.evaluate(() => window.hydrationErrors)).toEqual([])
    expect(consoleErrors).toEqual([])
    expect(page.uncaughtErrors).toEqual([])
  })
})
