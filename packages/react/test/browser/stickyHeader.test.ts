import { describe, expect, it } from 'vitest'
import { useBrowser } from '../../../../test-support/browser'
import { OVERLAY_FIXTURE } from './fixtures/overlayFixture.ts'

describe("a table's sticky header in the overlay", () => {
  const { newPage } = useBrowser()

  it('sticks flush with the top of the scrolled panel body, with no row showing above it', async () => {
    const page = await newPage()
    await page.goto(OVERLAY_FIXTURE)
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tab', { name: 'History' }).click()
    const header = page.getByRole('columnheader', { name: 'Metric' }).first()
    await header.waitFor()
    // Scroll the body until the table's first row has gone under its header.
    const gap = await header.evaluate((th) => {
      const body = th.closest('.ps-body')!
      const table = th.closest('table')!
      body.scrollTop += table.getBoundingClientRect().top - body.getBoundingClientRect().top + 40
      return th.getBoundingClientRect().top - (body.getBoundingClientRect().top + body.clientTop)
    })
    expect(Math.abs(gap)).toBeLessThan(1)
    expect(page.uncaughtErrors).toEqual([])
  })

  it('sticks to the top of the window on the page, where the document scrolls', async () => {
    const page = await newPage()
    // A short window, so the page scrolls past the table's first rows.
    await page.setViewportSize({ width: 1280, height: 400 })
    await page.goto(`${OVERLAY_FIXTURE}?mode=page`)
    await page.getByRole('tab', { name: 'History' }).click()
    const header = page.getByRole('columnheader', { name: 'Metric' }).first()
    await header.waitFor()
    const placed = await header.evaluate((th) => {
      const table = th.closest('table')!
      window.scrollBy(0, table.getBoundingClientRect().top + 40)
      return { scrolled: window.scrollY, top: th.getBoundingClientRect().top }
    })
    expect(placed.scrolled).toBeGreaterThan(0)
    expect(Math.abs(placed.top)).toBeLessThan(1)
    expect(page.uncaughtErrors).toEqual([])
  })
})
