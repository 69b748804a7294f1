import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, findChromium } from '../../../test-support/chromium.ts'
import { NotAvailable } from '../measurement.ts'

/**
 * On top of the test flags: keep timers and rendering at full speed even though no window is focused, so the
 * polling page really polls at its rate and rAF really runs.
 */
const BENCH_ARGS = [
  ...CHROMIUM_ARGS,
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--enable-precise-memory-info',
]

/** A fresh page (its own browser context) with a CDP session attached. */
export interface OpenedPage {
  page: Page
  cdp: CDPSession
  /** Uncaught errors thrown in the page so far. */
  errors: string[]
  close(): Promise<void>
}

/** What to do on a page before it loads. */
export interface OpenOptions {
  /** Runs on the page's CDP session before it navigates (to start counting or profiling from the first line). */
  beforeNavigate?(cdp: CDPSession): Promise<void>
}

/** The machine's Chromium, launched on first use. */
export interface BenchBrowser {
  /** Opens `path` on the bench server in a fresh context and waits until the page says it is ready. */
  open(path: string, options?: OpenOptions): Promise<OpenedPage>
  /** The Chromium version, once launched. */
  version(): string | null
  close(): Promise<void>
}

/** What every bench page sets when its script has run: `true`, or why it could not set itself up. */
declare global {
  interface Window {
    benchReady?: true
    benchFailed?: string
  }
}

const READY_TIMEOUT_MS = 20_000

/** A lazily launched Chromium (from `test-support/chromium.ts`) whose pages load from `origin`. */
export function createBenchBrowser(origin: string): BenchBrowser {
  let launching: Promise<Browser> | undefined
  let launched: Browser | undefined
  return {
    async open(path, options) {
      launching ??= chromium.launch({ executablePath: findChromium(), args: BENCH_ARGS, headless: true })
      const browser = (launched = await launching)
      const context = await browser.newContext({ baseURL: origin })
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
      const close = () => context.close().catch(() => {})
      try {
        const cdp = await context.newCDPSession(page)
        await options?.beforeNavigate?.(cdp)
        await page.goto(path, { waitUntil: 'load' })
        await page.waitForFunction(() => window.benchReady === true || window.benchFailed !== undefined, null, {
          timeout: READY_TIMEOUT_MS,
        })
        const failed = await page.evaluate(() => window.benchFailed)
        if (failed !== undefined) throw new NotAvailable(failed)
        return { page, cdp, errors, close }
      } catch (error) {
        await close()
        if (error instanceof NotAvailable) throw error
        const detail = errors.length > 0 ? ` (page errors: ${errors.join('; ')})` : ''
        throw new NotAvailable(
          `page ${path} did not get ready: ${error instanceof Error ? error.message : error}${detail}`,
        )
      }
    },
    version() {
      return launched?.version() ?? null
    },
    async close() {
      if (launching) await (await launching).close()
    },
  }
}
