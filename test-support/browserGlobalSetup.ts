import { chromium } from 'playwright-core'
import type { TestProject } from 'vitest/node'
import { CHROMIUM_ARGS, findChromium } from './chromium'
import { startTestServer } from './testServer'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the test server, e.g. `http://127.0.0.1:41234`. */
    baseURL: string
    /** Playwright endpoint of the shared Chromium. */
    wsEndpoint: string
  }
}

/** Starts one test server and one Chromium for every browser test file, and stops both at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const executablePath = findChromium()
  const { url, server } = await startTestServer()
  const browserServer = await chromium.launchServer({ executablePath, args: CHROMIUM_ARGS, headless: true })
  project.provide('baseURL', url)
  project.provide('wsEndpoint', browserServer.wsEndpoint())
  return async () => {
    await browserServer.close()
    await server.close()
  }
}
