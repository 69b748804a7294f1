import { describe, expect, it } from 'vitest'
import type { Locator } from 'playwright-core'
import { useBrowser, type TestPage } from '../../test-support/browser'
import { usePlayground } from './startPlayground'

/** What has focus, seen through the overlay's shadow root: `overlay:<accessible text>` or `app:<tag>`. */
function focused(page: TestPage): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement
    const inner = active?.shadowRoot?.activeElement
    if (inner) return `overlay:${inner.getAttribute('aria-label') ?? inner.textContent?.trim() ?? inner.tagName}`
    return `app:${active?.tagName.toLowerCase() ?? 'none'}`
  })
}

async function overlaps(a: Locator, b: Locator): Promise<boolean> {
  const x = (await a.boundingBox())!
  const y = (await b.boundingBox())!
  return x.x < y.x + y.width && y.x < x.x + x.width && x.y < y.y + y.height && y.y < x.y + x.height
}

describe('the overlay beside an app modal dialog (aria-hidden on the rest of the page, focus trapped)', () => {
  const { newPage } = useBrowser()
  const { openApp } = usePlayground(newPage)

  async function withDialog(): Promise<TestPage> {
    const page = await openApp()
    await page.setViewportSize({ width: 1280, height: 720 })
    await page.getByRole('button', { name: 'Edit profile' }).click()
    await page.getByRole('dialog', { name: 'Edit profile' }).waitFor()
    expect(await focused(page)).toBe('app:input')
    return page
  }

  it('keeps the toggle findable by role and clickable, without closing the dialog', async () => {
    const page = await withDialog()
    const toggle = page.getByRole('button', { name: 'Performance overlay' })
    await toggle.click()
    await page.getByRole('tablist').waitFor()
    await page.getByRole('tab', { name: 'Network', exact: true }).click()
    expect(await page.getByRole('tab', { name: 'Network', exact: true }).getAttribute('aria-selected')).toBe('true')
    await page.getByRole('dialog', { name: 'Edit profile' }).waitFor()
    expect(await page.locator('[data-perfscope-overlay]').getAttribute('aria-hidden')).toBeNull()
    expect(page.uncaughtErrors).toEqual([])
  })

  it('opens with the hotkey while focus is trapped, keeps focus in the panel, and hands it back on Escape', async () => {
    const page = await withDialog()
    await page.keyboard.press('Alt+Shift+KeyP')
    await page.getByRole('tablist').waitFor()
    await expect.poll(() => focused(page)).toBe('overlay:Overview')
    await page.keyboard.press('ArrowRight')
    await page.waitForTimeout(200)
    expect(await focused(page)).toBe('overlay:Network')
    await page.keyboard.press('Escape')
    await page.getByRole('tablist').waitFor({ state: 'detached' })
    // Escape closed the overlay's panel only: the app's dialog is still open and has its focus back.
    await page.getByRole('dialog', { name: 'Edit profile' }).waitFor()
    await expect.poll(() => focused(page)).toBe('app:input')
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.getByText('Saved: Ada').waitFor()
    expect(page.uncaughtErrors).toEqual([])
  })

  it('reaches Emergency stop by keyboard while the dialog holds focus', async () => {
    const page = await openApp()
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tab', { name: 'Load', exact: true }).click()
    const start = page.getByRole('button', { name: 'Start', exact: true })
    await expect.poll(() => start.isEnabled(), { timeout: 20_000 }).toBe(true)
    await page.getByRole('combobox', { name: 'Preset' }).selectOption('smoke')
    await page.getByRole('spinbutton', { name: 'Duration (s)' }).fill('60')
    await start.click()
    await page.getByRole('progressbar', { name: 'Run progress' }).waitFor()
    await page.keyboard.press('Alt+Shift+KeyP')
    await page.getByRole('tablist').waitFor({ state: 'detached' })

    await page.getByRole('button', { name: 'Edit profile' }).click()
    await page.getByRole('dialog', { name: 'Edit profile' }).waitFor()
    await page.keyboard.press('Alt+Shift+KeyP')
    await page.getByRole('tablist').waitFor()
    let steps = 0
    while ((await focused(page)) !== 'overlay:Emergency stop' && steps++ < 30) await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('overlay:Emergency stop')
    await page.keyboard.press('Enter')
    await page.getByRole('region', { name: 'Results' }).getByText('stopped').waitFor()
    await page.getByRole('dialog', { name: 'Edit profile' }).waitFor()
    expect(page.uncaughtErrors).toEqual([])
  })

  it("moves the toggle off the dialog's Submit button at 1280×720 and remembers where", async () => {
    const page = await withDialog()
    const toggle = page.getByRole('button', { name: 'Performance overlay' })
    const submit = page.getByRole('button', { name: 'Submit' })
    // The side sheet puts Submit in the corner the toggle starts in.
    expect(await overlaps(toggle, submit)).toBe(true)
    await page.keyboard.press('Alt+Shift+KeyP')
    await page.getByRole('combobox', { name: 'Overlay position' }).selectOption('bottom-left')
    await page.keyboard.press('Escape')
    await page.getByRole('tablist').waitFor({ state: 'detached' })
    expect(await overlaps(toggle, submit)).toBe(false)
    await submit.click()
    await page.getByText('Saved: Ada').waitFor()
    await page.reload()
    await page.getByRole('button', { name: 'Edit profile' }).click()
    expect(
      await overlaps(
        page.getByRole('button', { name: 'Performance overlay' }),
        page.getByRole('button', { name: 'Submit' }),
      ),
    ).toBe(false)
    expect(page.uncaughtErrors).toEqual([])
  })
})
