import { describe, expect, it } from 'vitest'
import { useBrowser } from '../../test-support/browser'
import { usePlayground } from './startPlayground'

describe('overlay style isolation (compatibility case 36)', () => {
  const { newPage } = useBrowser()
  const { url } = usePlayground(newPage)

  it("keeps the app's styles out of the overlay and the overlay's styles out of the app", async () => {
    const page = await newPage()
    await page.goto(`${url()}/`)
    const appButton = page.getByRole('button', { name: 'Call the slow endpoint' })
    await appButton.waitFor()
    const styleOf = (el: Element) => {
      const s = getComputedStyle(el)
      return { font: s.fontFamily, color: s.color, border: s.borderTopColor, borderWidth: s.borderTopWidth }
    }
    const appBefore = await appButton.evaluate(styleOf)
    const sheetsBefore = await page.evaluate(() => ({
      sheets: document.styleSheets.length,
      adopted: document.adoptedStyleSheets.length,
    }))

    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tab', { name: 'Settings' }).click()

    // The app's broad `button` and `table` rules (Georgia, red, 3px borders) do not reach the overlay.
    const tab = await page.getByRole('tab', { name: 'Settings' }).evaluate(styleOf)
    expect(tab.font).not.toContain('Georgia')
    expect(tab.color).not.toBe('rgb(200, 0, 0)')
    expect(tab.borderWidth).not.toBe('3px')
    const exportButton = await page.getByRole('button', { name: 'Export JSON' }).evaluate(styleOf)
    expect(exportButton.font).not.toContain('Georgia')
    expect(exportButton.border).not.toBe('rgb(200, 0, 0)')

    // The overlay adds no stylesheet to the document and leaves the app's own elements exactly as they were.
    expect(await appButton.evaluate(styleOf)).toEqual(appBefore)
    expect(
      await page.evaluate(() => ({ sheets: document.styleSheets.length, adopted: document.adoptedStyleSheets.length })),
    ).toEqual(sheetsBefore)
    const shadow = await page.evaluate(() => {
      const host = document.querySelector('[data-perfscope-overlay]')
      return { mode: host?.shadowRoot ? 'open' : 'none', adopted: host?.shadowRoot?.adoptedStyleSheets.length ?? 0 }
    })
    expect(shadow.mode).toBe('open')
    expect(shadow.adopted).toBeGreaterThanOrEqual(2)
  })
})
