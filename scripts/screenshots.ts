/**
 * Takes a screenshot of each overlay tab from the playground: `npx tsx scripts/screenshots.ts`.
 * Writes `docs/screenshots/<tab>.png` (light theme) and `overview-dark.png` / `page-mode.png`.
 */
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, findChromium } from '../test-support/chromium.ts'
import { startPlayground } from '../playground/test/startPlayground.ts'

const TABS = ['Overview', 'Network', 'Vitals', 'Memory', 'Load', 'History', 'Settings'] as const
const out = (name: string) => fileURLToPath(new URL(`../docs/screenshots/${name}.png`, import.meta.url))
/** Let the playground poll and stream for this long so the panel has something to show. */
const WARM_UP_MS = 8000

async function exercise(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Call the slow endpoint' }).click()
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Call the flaky endpoint' }).click()
  await page.getByRole('link', { name: 'Live' }).click()
  await page.waitForTimeout(3000)
  await page.getByRole('link', { name: 'Dashboard' }).click()
  await page.getByRole('button', { name: 'Start polling runaway' }).click()
  await page.waitForTimeout(WARM_UP_MS)
}

async function shortLoadRun(page: Page): Promise<void> {
  await page
    .getByRole('textbox', { name: 'Duration (s)' })
    .or(page.getByRole('spinbutton', { name: 'Duration (s)' }))
    .fill('6')
  await page.getByRole('button', { name: 'Start', exact: true }).click()
  await page.getByRole('region', { name: 'Results' }).waitFor({ timeout: 30_000 })
}

const { url, server } = await startPlayground()
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS })
try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
  })
  await context.addInitScript(() => {
    if (!localStorage.getItem('perfscope:overlay')) {
      localStorage.setItem(
        'perfscope:overlay',
        JSON.stringify({ open: false, tab: null, width: 900, height: 680, dx: 0, dy: 0 }),
      )
    }
  })
  const page = await context.newPage()
  await page.goto(`${url}/`)
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
  await exercise(page)
  await page.getByRole('button', { name: 'Performance overlay' }).click()
  const panel = page.locator('[data-perfscope-overlay] .ps-panel')
  for (const tab of TABS) {
    await page.getByRole('tab', { name: tab, exact: true }).click()
    // The Load tab is shown with the results of a short run of its default preset, as a user sees it after Start.
    if (tab === 'Load') await shortLoadRun(page)
    await page.waitForTimeout(600)
    await panel.screenshot({ path: out(tab.toLowerCase()) })
  }
  await page.getByRole('tab', { name: 'Overview', exact: true }).click()
  await page.screenshot({ path: out('floating') })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.waitForTimeout(600)
  await panel.screenshot({ path: out('overview-dark') })
  await page.emulateMedia({ colorScheme: 'light' })
  // /dev/performance in a tab of its own, beside the app's tab: it shows the app's live data.
  const dev = await context.newPage()
  await dev.goto(`${url}/dev/performance`)
  await dev.getByRole('tablist').waitFor()
  await dev
    .getByRole('combobox', { name: 'Data from' })
    .getByRole('option', { name: /All open tabs/ })
    .waitFor({ state: 'attached' })
  await dev.getByRole('tab', { name: 'Network', exact: true }).click()
  await dev.waitForTimeout(2500)
  await dev.screenshot({ path: out('page-mode') })
  console.log('screenshots written to docs/screenshots/')
} finally {
  await browser.close()
  await server.close()
}
