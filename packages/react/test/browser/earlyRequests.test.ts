import { describe, expect, it } from 'vitest'
import { useBrowser } from '../../../../test-support/browser'

const FIXTURE = '/packages/react/test/browser/fixtures/early.html'

describe('requests made before and while the app first renders', () => {
  const { newPage } = useBrowser()

  it("counts module-scope calls from the resource-timing buffer and child effects' calls live, as many as the browser sent", async () => {
    const page = await newPage()
    const sent = new Map<string, number>()
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname
      if (path.startsWith('/__test/')) sent.set(`GET ${path}`, (sent.get(`GET ${path}`) ?? 0) + 1)
    })
    await page.goto(FIXTURE)
    await page.getByText('An app that fetches before it renders.').waitFor()
    // module: 2 json + 1 echo; effects under StrictMode run twice: 2 json + 2 bytes.
    await expect.poll(() => [...sent.values()].reduce((a, b) => a + b, 0), { timeout: 10_000 }).toBe(7)
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tab', { name: 'Network' }).click()
    const table = page.getByRole('table', { name: 'Endpoints' })
    const counted = async () => {
      const result: Record<string, number> = {}
      for (const key of sent.keys()) {
        const row = table.getByRole('row', { name: new RegExp(`^${key.replace(/[/?]/g, '\\$&')}\\b`) })
        result[key] = (await row.count()) === 0 ? 0 : Number(await row.getByRole('cell').nth(1).textContent())
      }
      return result
    }
    await expect.poll(counted, { timeout: 10_000 }).toEqual(Object.fromEntries(sent))
    const backfilled = await page.evaluate(() =>
      Object.fromEntries(window.earlyMonitor.snapshot().endpoints.map((e) => [e.key, e.backfilled ?? 0])),
    )
    expect(backfilled).toEqual({ 'GET /__test/json': 2, 'GET /__test/echo': 1, 'GET /__test/bytes': 0 })
    expect(page.uncaughtErrors).toEqual([])
  })

  it('intercepts module-scope calls live when the entry imports @perfscope/react/start first', async () => {
    const page = await newPage()
    await page.goto('/packages/react/test/browser/fixtures/startEntry.html')
    await page.getByText('An app that starts perfscope from its entry.').waitFor()
    const echo = () =>
      page.evaluate(() => window.startedMonitor.snapshot().endpoints.find((e) => e.key === 'POST /__test/echo') ?? null)
    await expect.poll(echo, { timeout: 5_000 }).toMatchObject({ count: 1, backfilled: 0 })
    expect(page.uncaughtErrors).toEqual([])
  })
})
