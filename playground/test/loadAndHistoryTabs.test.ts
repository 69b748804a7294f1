import { describe, expect, it } from 'vitest'
import { useBrowser, type TestPage } from '../../test-support/browser'
import { usePlayground } from './startPlayground'

describe('the Load and History tabs on the playground', () => {
  const { newPage } = useBrowser()
  const { url } = usePlayground(newPage)

  async function openTab(name: 'Load' | 'History'): Promise<TestPage> {
    const page = await newPage()
    await page.goto(url())
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tab', { name, exact: true }).click()
    return page
  }

  it('starts a High user load run from Start, shows it live, and stops it from the collapsed overlay', async () => {
    const page = await openTab('Load')
    // The preset replays GET endpoints the app has called: wait until the polled list has been seen.
    await expect.poll(() => page.getByRole('button', { name: 'Start', exact: true }).isEnabled(), { timeout: 20_000 }).toBe(true)
    await expect.poll(() => page.getByRole('combobox').inputValue()).toBe('High user load')
    await page.getByRole('button', { name: 'Start', exact: true }).click()
    await page.getByRole('progressbar', { name: 'Run progress' }).waitFor()
    await expect.poll(async () => Number((await page.getByText(/^\d+$/).first().textContent()) ?? 0), { timeout: 10_000 }).toBeGreaterThan(0)
    // Close the panel: the emergency stop stays on screen.
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('button', { name: 'Emergency stop', exact: true }).click()
    await page.getByRole('button', { name: 'Emergency stop', exact: true }).waitFor({ state: 'detached' })
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tab', { name: 'Load', exact: true }).click()
    await page.getByRole('region', { name: 'Results' }).getByText('stopped').waitFor()
    await page.getByText('emergency stop').waitFor()
    expect(page.uncaughtErrors).toEqual([])
  })

  it('shows stored days, pins a baseline and offers every export', async () => {
    const page = await openTab('History')
    await page.getByRole('button', { name: 'Pin today as baseline' }).click()
    await page.getByText(/^Pinned: \d{4}-\d{2}-\d{2}$/).waitFor()
    await page.getByText(/No regression against/).waitFor()
    for (const format of ['JSON', 'CSV', 'HAR', 'OTLP']) await page.getByRole('button', { name: `Export ${format}` }).waitFor()
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export HAR' }).click()
    expect((await download).suggestedFilename()).toBe('perfscope.har')
    expect(page.uncaughtErrors).toEqual([])
  })
})
