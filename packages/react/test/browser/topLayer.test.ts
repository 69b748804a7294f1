import { describe, expect, it } from 'vitest'
import { useBrowser } from '../../../../test-support/browser'
import { OVERLAY_FIXTURE } from './fixtures/overlayFixture.ts'

describe('the floating overlay in the top layer', () => {
  const { newPage } = useBrowser()

  it('stays on top of an app element with the highest z-index, and leaves the rest of the page clickable', async () => {
    const page = await newPage()
    await page.goto(OVERLAY_FIXTURE)
    const toggle = page.getByRole('button', { name: 'Performance overlay' })
    await toggle.waitFor()
    await page.evaluate(() => {
      const cover = document.createElement('button')
      cover.textContent = 'App cover'
      cover.style.cssText = 'position: fixed; inset: 0; z-index: 2147483647; opacity: 0.5'
      cover.onclick = () => (cover.dataset.clicked = 'yes')
      document.body.append(cover)
    })
    await toggle.click()
    await page.getByRole('tablist').waitFor()
    await page.keyboard.press('Alt+Shift+KeyP')
    await page.getByRole('tablist').waitFor({ state: 'detached' })
    // The host itself covers nothing: a press away from the toggle reaches the app.
    await page.mouse.click(200, 200)
    expect(await page.getByRole('button', { name: 'App cover' }).getAttribute('data-clicked')).toBe('yes')
    expect(page.uncaughtErrors).toEqual([])
  })
})
