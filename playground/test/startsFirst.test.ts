import { describe, expect, it } from 'vitest'
import { useBrowser } from '../../test-support/browser'
import { usePlayground } from './startPlayground'

// The dashboard polls /api/items from an effect that runs before <PerfOverlay/>'s and the provider's own effects.
describe('the playground seen from its first request', () => {
  const { newPage } = useBrowser()
  const { url } = usePlayground(newPage)

  it('counts every /api/items call the browser sent, the first ones included', async () => {
    const page = await newPage()
    let sent = 0
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/items') sent++
    })
    await page.goto(url())
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
    await expect.poll(() => sent, { timeout: 15_000 }).toBeGreaterThanOrEqual(3)
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tab', { name: 'Network' }).click()
    const row = page.getByRole('table', { name: 'Endpoints' }).getByRole('row', { name: /GET \/api\/items/ })
    const counted = () => row.getByRole('cell').nth(1).textContent().then(Number)
    // A poll may go out while the table is read: compare until the two agree, and fail if they never do.
    await expect.poll(async () => (await counted()) - sent, { timeout: 10_000 }).toBe(0)
    expect(page.uncaughtErrors).toEqual([])
  })
})
