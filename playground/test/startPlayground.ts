import { fileURLToPath } from 'node:url'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll } from 'vitest'
import type { TestPage } from '../../test-support/browser'
import { listenOnLoopback, LOOPBACK_SERVER, REACT_DEPS } from '../../test-support/viteTestServer'

const configFile = fileURLToPath(new URL('../../vite.config.ts', import.meta.url))

/** Starts the playground's own Vite dev server (with its API) on 127.0.0.1 and a free port. */
export async function startPlayground(): Promise<{ url: string; server: ViteDevServer }> {
  const server = await createServer({
    configFile,
    logLevel: 'warn',
    clearScreen: false,
    server: LOOPBACK_SERVER,
    optimizeDeps: { noDiscovery: true, include: [...REACT_DEPS, 'uplot', 'zustand/vanilla'] },
  })
  return { url: await listenOnLoopback(server, 'playground server'), server }
}

/** Starts the playground for the calling test file (closed after it); `openApp()` opens its dashboard in a fresh page. */
export function usePlayground(newPage: (path?: string) => Promise<TestPage>): {
  url: () => string
  openApp: () => Promise<TestPage>
} {
  let playground: { url: string; server: ViteDevServer } | undefined
  beforeAll(async () => {
    playground = await startPlayground()
  })
  afterAll(async () => {
    await playground?.server.close()
  })
  const url = () => {
    if (!playground) throw new Error('usePlayground(): the playground is not started yet')
    return playground.url
  }
  return {
    url,
    async openApp() {
      const page = await newPage()
      await page.goto(url())
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
      return page
    },
  }
}
