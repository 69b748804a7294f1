import { describe, expect, it } from 'vitest'
import { useBrowser } from '../../../../test-support/browser'
import { OVERLAY_FIXTURE } from './fixtures/overlayFixture.ts'

describe("a chart's legend in the overlay", () => {
  const { newPage } = useBrowser()

  it("gives the newest point's values while the cursor is off the chart", async () => {
    const page = await newPage()
    await page.goto(OVERLAY_FIXTURE)
    await page.evaluate(async (url) => {
      for (let i = 0; i < 3; i++) await (await fetch(`${url}?n=${i}`)).text()
    }, OVERLAY_FIXTURE)
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    const chart = page.getByRole('figure', { name: 'Requests and latency' })
    const values = chart.locator('.u-legend .u-value')
    // The cursor has never been over the chart: without the newest values, each of these would be a dash.
    await expect
      .poll(async () => (await values.allInnerTexts()).map((text) => text.trim() !== '—' && text.trim() !== ''), {
        timeout: 10_000,
      })
      .toEqual([true, true, true])
    expect(page.uncaughtErrors).toEqual([])
  })
})
