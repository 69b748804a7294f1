import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Browser } from 'playwright-core'
import { encodeBatch } from '@perfscope/core/codec'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nextBuildMentions, startNext } from './lib/nextApp.ts'
import { docSetup } from './lib/docFiles.ts'
import { launchChromium } from './lib/launchChromium.ts'
import { makeTempApp } from './lib/makeTempApp.ts'
import { keysOf, readMetrics } from './lib/readMetrics.ts'
import { runStep } from './lib/runStep.ts'
import type { AppServer } from './lib/startAppServer.ts'
import { installAsDocsSay } from './lib/tarballs.ts'

const TOKEN = 'consumer-test-token'

/** The home page replaces the template's, which loads Google fonts at build time (no network but the registry here). */
const HOME = `import { useState } from 'react'

export default function Home() {
  const [log, setLog] = useState<string[]>([])
  const load = async () => {
    const response = await fetch('/api/items')
    await response.json()
    setLog((lines) => [...lines, 'items ' + response.status])
  }
  return (
    <main>
      <h1>Home</h1>
      <button onClick={() => void load()}>Load items</button>
      <ul aria-label="Responses">{log.map((line, i) => <li key={i}>{line}</li>)}</ul>
    </main>
  )
}
`

describe('a create-next-app Pages Router app with perfscope from npm pack, set up as docs/getting-started.md says', () => {
  const shared = docSetup('Next.js (App Router)')
  const setup = docSetup('Next.js (Pages Router)')
  const parent = makeTempApp('next-pages')
  const app = join(parent, 'app')
  let server: AppServer | undefined
  let browser: Browser | undefined

  beforeAll(async () => {
    await runStep(
      'npx create-next-app@latest (Pages Router)',
      'npx',
      [
        '--yes',
        'create-next-app@latest',
        'app',
        '--yes',
        '--ts',
        '--no-app',
        '--no-tailwind',
        '--no-linter',
        '--no-src-dir',
        '--import-alias',
        '@/*',
        '--use-npm',
        '--skip-install',
        '--disable-git',
      ],
      { cwd: parent, timeoutMs: 120_000 },
    )
    if (!existsSync(join(app, 'pages/index.tsx')))
      throw new Error("create-next-app's Pages Router template no longer has pages/index.tsx")
    expect([...setup.files.keys()].sort()).toEqual([
      'pages/_app.tsx',
      'pages/api/items.ts',
      'pages/api/performance-metrics.ts',
      'pages/dev/performance.tsx',
    ])
    const files = new Map([
      ['lib/perfscope.ts', shared.files.get('lib/perfscope.ts')!],
      ...setup.files,
      ['pages/index.tsx', HOME],
    ])
    for (const [path, code] of files) {
      mkdirSync(dirname(join(app, path)), { recursive: true })
      writeFileSync(join(app, path), code)
    }
    await installAsDocsSay("npm install (the template and the docs' install line)", app, setup.install, 300_000)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('builds with next build, and the production client bundle has no perfscope code', async () => {
    expect(await nextBuildMentions(app)).toEqual([])
  })

  it('under next start, times the API route and takes a beacon at the metrics route, read back with the token', async () => {
    server = await startNext(app, 'start', { PERFSCOPE_TOKEN: TOKEN })
    browser = await launchChromium()
    const page = await browser.newPage()
    await page.goto(server.url)
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/items')),
      page.getByRole('button', { name: 'Load items' }).click(),
    ])
    expect(response.headers()['server-timing']).toMatch(/\btotal;dur=/)
    await page.getByRole('list', { name: 'Responses' }).getByText('items 200').waitFor()

    // A production page runs no monitor, so the test sends the beacon a development page would send on pagehide.
    const beacon = encodeBatch({
      samples: [{ key: 'http.GET /api/items', t: 10, v: 12, tags: { status: '200', kind: 'ok', api: 'fetch' } }],
      batchId: 7,
      timeOrigin: Date.now(),
    })
    expect(await page.evaluate((body) => navigator.sendBeacon('/api/performance-metrics', body), beacon)).toBe(true)

    expect((await readMetrics(server)).status, 'GET /api/performance-metrics without a token').not.toBe(200)
    await expect
      .poll(async () => (await readMetrics(server!, TOKEN)).body?.days.at(-1)?.client.batches, {
        timeout: 15_000,
        message: 'the beacon counted',
      })
      .toBe(1)
    const today = (await readMetrics(server, TOKEN)).body!.days.at(-1)!
    expect(keysOf(today.client.metrics)).toEqual(['http.GET /api/items'])
    expect(keysOf(today.server.routes)).toContain('GET /api/items')
    expect(today.server.routes['GET /api/items']!.count).toBe(1)
  })
})
