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
    await expect
      .poll(() => page.getByRole('button', { name: 'Start', exact: true }).isEnabled(), { timeout: 20_000 })
      .toBe(true)
    await expect.poll(() => page.getByRole('combobox', { name: 'Preset' }).inputValue()).toBe('High user load')
    await page.getByRole('button', { name: 'Start', exact: true }).click()
    await page.getByRole('progressbar', { name: 'Run progress' }).waitFor()
    await expect
      .poll(async () => Number((await page.getByText(/^\d+$/).first().textContent()) ?? 0), { timeout: 10_000 })
      .toBeGreaterThan(0)
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

  it('offers Memory pressure and Slow network with their own parameters, and shows the app beside a slow-network run', async () => {
    const page = await openTab('Load')
    const preset = page.getByRole('combobox', { name: 'Preset' })
    await preset.selectOption('Memory pressure')
    await page.getByRole('spinbutton', { name: 'Step (MiB)' }).fill('8')
    await page.getByRole('spinbutton', { name: 'Cap (MiB)' }).fill('16')
    // The panel can only lower the app's cap (256 MiB by default).
    expect(await page.getByRole('spinbutton', { name: 'Cap (MiB)' }).getAttribute('max')).toBe('256')
    await page.getByText(/in steps of 8 MiB up to 16 MiB \(cap 256 MiB\)/).waitFor()
    expect(await page.getByRole('button', { name: 'Start', exact: true }).isEnabled()).toBe(true)

    await preset.selectOption('Slow network')
    await page.getByRole('spinbutton', { name: 'Latency (ms)' }).fill('300')
    await page.getByRole('spinbutton', { name: 'Jitter (ms)' }).fill('100')
    await page.getByRole('spinbutton', { name: 'Failures (%)' }).fill('20')
    await page.getByText(/by 300 ± 100 ms and fails 20 % of them/).waitFor()
    await page.getByRole('button', { name: 'Start', exact: true }).click()
    const beside = page.getByRole('region', { name: 'The app beside the run' })
    await beside.getByText('JS heap').waitFor()
    // The playground keeps polling its list: those requests are the ones slowed down.
    await expect
      .poll(
        async () =>
          Number(
            (
              (await page
                .getByText(/^\d+ \/ \d+$/)
                .first()
                .textContent()) ?? '0'
            ).split(' / ')[0],
          ),
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0)
    await page.getByRole('button', { name: 'Emergency stop', exact: true }).click()
    const results = page.getByRole('region', { name: 'Results' })
    await results.getByText('App requests delayed').waitFor()
    await results.getByText(/No k6 export/).waitFor()
    expect(page.uncaughtErrors).toEqual([])
  })

  it('keeps the preset, its numbers and the ticked endpoints across closing and reopening the panel, also mid-run', async () => {
    const page = await openTab('Load')
    const toggle = page.getByRole('button', { name: 'Performance overlay' })
    const replayed = page.getByRole('checkbox', { name: 'GET /api/items' })
    await replayed.waitFor({ timeout: 20_000 })
    await page.getByRole('combobox', { name: 'Preset' }).selectOption('smoke')
    await page.getByRole('spinbutton', { name: 'Users' }).fill('3')
    await page.getByRole('spinbutton', { name: 'Duration (s)' }).fill('40')
    await page.getByRole('textbox', { name: 'Path or URL to replay' }).fill('/api/slow')
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    await replayed.uncheck()
    await toggle.click()
    await page.getByRole('tablist').waitFor({ state: 'detached' })
    await toggle.click()
    await expect.poll(() => page.getByRole('combobox', { name: 'Preset' }).inputValue()).toBe('smoke')
    expect(await page.getByRole('spinbutton', { name: 'Users' }).inputValue()).toBe('3')
    expect(await page.getByRole('spinbutton', { name: 'Duration (s)' }).inputValue()).toBe('40')
    expect(await replayed.isChecked()).toBe(false)
    expect(await page.getByRole('checkbox', { name: 'GET /api/slow' }).isChecked()).toBe(true)

    await page.getByRole('button', { name: 'Start', exact: true }).click()
    const requestsCard = () =>
      page
        .getByRole('region', { name: 'Live run' })
        .locator('.ps-card')
        .filter({ has: page.getByText('Requests', { exact: true }) })
        .locator('.ps-card__value')
    const requests = requestsCard()
    await expect.poll(async () => Number(await requests.textContent()), { timeout: 15_000 }).toBeGreaterThan(0)
    const seen = Number(await requests.textContent())
    await toggle.click()
    await page.getByRole('tablist').waitFor({ state: 'detached' })
    await toggle.click()
    // Reopened mid-run: the live figures carry on from where they were, never from zero.
    expect(Number(await requestsCard().textContent())).toBeGreaterThanOrEqual(seen)
    expect(await page.getByRole('combobox', { name: 'Preset' }).inputValue()).toBe('smoke')
    await page.getByRole('button', { name: 'Emergency stop', exact: true }).click()
    await page.getByRole('region', { name: 'Results' }).getByRole('cell', { name: 'GET /api/slow' }).waitFor()
    expect(page.uncaughtErrors).toEqual([])
  })

  it('shows stored days, pins a baseline and offers every export', async () => {
    const page = await openTab('History')
    await page.getByRole('button', { name: 'Pin today as baseline' }).click()
    await page.getByText(/^Pinned: \d{4}-\d{2}-\d{2}$/).waitFor()
    await page.getByText(/No regression against/).waitFor()
    for (const format of ['JSON', 'CSV', 'HAR', 'OTLP'])
      await page.getByRole('button', { name: `Export ${format}` }).waitFor()
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export HAR' }).click()
    expect((await download).suggestedFilename()).toBe('perfscope.har')
    expect(page.uncaughtErrors).toEqual([])
  })
})
