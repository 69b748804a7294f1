import { describe, expect, it } from 'vitest'
import { useBrowser } from '../../test-support/browser'
import { usePlayground } from './startPlayground'

describe('budget alerts in the Overview on the playground', () => {
  const { newPage } = useBrowser()
  const { openApp } = usePlayground(newPage)

  it('shows an alert for the slow endpoint and marks it acknowledged', async () => {
    const page = await openApp()
    // 600–1400 ms breaks the default same-origin API budget (critical over p95 200 ms). A first call alone gives no
    // latency verdict (it may be a dev server's warm-up), so the endpoint is called twice.
    await page.getByRole('button', { name: 'Call the slow endpoint' }).click()
    await page.getByRole('button', { name: 'Call the slow endpoint' }).click()
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tab', { name: 'Overview', exact: true }).click()
    const alerts = page.getByRole('region', { name: 'Alerts' })
    const acknowledge = alerts.getByRole('button', { name: 'Acknowledge GET /api/slow breaks p(95)<=200' })
    await acknowledge.waitFor({ timeout: 20_000 })
    await expect.poll(() => alerts.getByText('GET /api/slow breaks p(95)<=200').count()).toBeGreaterThan(0)
    await acknowledge.click()
    await acknowledge.waitFor({ state: 'detached' })
    await alerts.getByText('· acknowledged').waitFor()
    // History keeps it, with when it started; the History tab writes today's record before listing.
    await page.getByRole('tab', { name: 'History', exact: true }).click()
    const stored = page.getByRole('region', { name: 'Alert history' })
    await expect
      .poll(() => stored.textContent(), { timeout: 15_000 })
      .toMatch(/critical.*GET \/api\/slow breaks p\(95\)<=200.*since \d{4}-\d{2}-\d{2}.*acknowledged/)
    expect(page.uncaughtErrors).toEqual([])
  })

  it("shows the playground's projected monthly cost and quota use", async () => {
    const page = await openApp()
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    const cost = page.getByRole('group', { name: 'Projected monthly cost' })
    await expect.poll(() => cost.textContent(), { timeout: 20_000 }).toMatch(/\$\d[\d,.]*.*of \$1,000/)
    await expect
      .poll(() => page.getByRole('group', { name: 'Quota use' }).textContent())
      .toMatch(/GET \/api\/\*: \d+\/120 per minute/)
    expect(page.uncaughtErrors).toEqual([])
  })
})
