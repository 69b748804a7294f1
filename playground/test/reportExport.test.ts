import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Download } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useBrowser } from '../../test-support/browser'
import { usePlayground } from './startPlayground'

describe('the HTML report export of the History tab', () => {
  const { newPage, browser } = useBrowser()
  const { url } = usePlayground(newPage)
  const dir = mkdtempSync(join(tmpdir(), 'perfscope-export-'))

  /** Saves a download and opens it as a user would (file://, offline); returns the page and every request it made. */
  async function openDownloaded(download: Download, name: string) {
    const file = join(dir, name)
    await download.saveAs(file)
    const context = await browser().newContext({ offline: true })
    const requests: string[] = []
    context.on('request', (r) => requests.push(r.url()))
    const page = await context.newPage()
    await page.goto(pathToFileURL(file).href)
    return { page, context, requests, href: pathToFileURL(file).href }
  }

  it('exports today and a stored load run as self-contained HTML that makes no request', async () => {
    const page = await newPage()
    await page.goto(url())
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
    await page.getByRole('button', { name: 'Performance overlay' }).click()

    // A short run, stopped by hand, so the History tab has one to export.
    await page.getByRole('tab', { name: 'Load', exact: true }).click()
    await expect
      .poll(() => page.getByRole('button', { name: 'Start', exact: true }).isEnabled(), { timeout: 20_000 })
      .toBe(true)
    await page.getByRole('button', { name: 'Start', exact: true }).click()
    await page.getByRole('progressbar', { name: 'Run progress' }).waitFor()
    await page.getByRole('button', { name: 'Emergency stop', exact: true }).click()
    await page.getByRole('region', { name: 'Results' }).getByText('stopped').waitFor()

    await page.getByRole('tab', { name: 'History', exact: true }).click()
    const dayDownload = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export HTML report' }).click()
    const day = await openDownloaded(await dayDownload, 'day.html')
    try {
      expect((await dayDownload).suggestedFilename()).toMatch(/^perfscope-\d{4}-\d{2}-\d{2}\.html$/)
      expect(await day.page.locator('h1').textContent()).toMatch(/^Performance report: \d{4}-\d{2}-\d{2}$/)
      expect(await day.page.locator('svg[role="img"]').count()).toBeGreaterThan(0)
      expect(day.requests).toEqual([day.href])
    } finally {
      await day.context.close()
    }

    const runButton = page.getByRole('button', { name: /^Export run .+ as an HTML report$/ }).first()
    const runDownload = page.waitForEvent('download')
    await runButton.click()
    const run = await openDownloaded(await runDownload, 'run.html')
    try {
      expect(await run.page.locator('h1').textContent()).toMatch(/^Load run: /)
      expect(await run.page.getByText('emergency stop').count()).toBeGreaterThan(0)
      expect(run.requests).toEqual([run.href])
    } finally {
      await run.context.close()
    }
    expect(page.uncaughtErrors).toEqual([])
  })
})
