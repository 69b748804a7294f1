import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, inject } from 'vitest'

/** The test server's base URL (a real server on 127.0.0.1). */
export function baseURL(): string {
  return inject('baseURL')
}

/**
 * Connects the calling test file to the shared Chromium for its whole run and gives each test a fresh,
 * isolated context. Page errors are collected so a test can assert that none happened.
 */
export function useBrowser(): {
  browser: () => Browser
  newPage: (path?: string) => Promise<TestPage>
} {
  let browser: Browser | undefined
  const contexts: BrowserContext[] = []
  beforeAll(async () => {
    browser = await chromium.connect(inject('wsEndpoint'))
  })
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})))
    await browser?.close()
  })
  return {
    browser: () => {
      if (!browser) throw new Error('useBrowser(): the browser is not connected yet')
      return browser
    },
    async newPage(path) {
      if (!browser) throw new Error('useBrowser(): the browser is not connected yet')
      const context = await browser.newContext({ baseURL: baseURL() })
      contexts.push(context)
      const page = (await context.newPage()) as TestPage
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
      page.uncaughtErrors = errors
      if (path) await page.goto(path)
      return page
    },
  }
}

/** A Playwright page that remembers uncaught errors thrown in it. */
export type TestPage = Page & { uncaughtErrors: string[] }
