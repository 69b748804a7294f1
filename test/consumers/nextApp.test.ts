import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { nextBuildMentions, startNext } from './lib/nextApp.ts'
import { docSetup } from './lib/docFiles.ts'
import { launchChromium } from './lib/launchChromium.ts'
import { makeTempApp } from './lib/makeTempApp.ts'
import { keysOf, readMetrics, type MetricsReply } from './lib/readMetrics.ts'
import { runStep } from './lib/runStep.ts'
import type { AppServer } from './lib/startAppServer.ts'
import { installAsDocsSay } from './lib/tarballs.ts'

const TOKEN = 'consumer-test-token'

/**
 * The app's own files besides the ones the docs give. The root layout replaces the template's, which loads
 * Google fonts at build time (no network here besides the npm registry). The API routes follow the docs'
 * `app/api/items/route.ts`.
 */
const APP_FILES: Record<string, string> = {
  'app/layout.tsx': `export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
`,
  'app/api/orders/[id]/route.ts': `import { perfscope } from '@/lib/perfscope'

export const GET = perfscope.wrap(async (_request: Request, context: { params: Promise<{ id: string }> }) =>
  Response.json({ id: (await context.params).id }),
)
`,
  'app/api/feedback/route.ts': `import { perfscope } from '@/lib/perfscope'

export const POST = perfscope.wrap(async (request: Request) => Response.json({ received: (await request.text()).length }, { status: 201 }))
`,
  'app/(site)/Calls.tsx': `'use client'
import { useState } from 'react'

export function Calls() {
  const [log, setLog] = useState<string[]>([])
  const call = async (label: string, url: string, init?: RequestInit) => {
    const response = await fetch(url, init)
    await response.json()
    setLog((lines) => [...lines, label + ' ' + response.status])
  }
  return (
    <>
      <button onClick={() => void call('items', '/api/items')}>Load items</button>
      <button onClick={() => void call('order', '/api/orders/7')}>Load order 7</button>
      <button onClick={() => void call('feedback', '/api/feedback', { method: 'POST', body: 'fast' })}>Send feedback</button>
      <ul aria-label="Responses">{log.map((line, i) => <li key={i}>{line}</li>)}</ul>
    </>
  )
}
`,
  'app/(site)/page.tsx': `import Link from 'next/link'
import { Calls } from './Calls'

export default function Home() {
  return (
    <main>
      <h1>Home</h1>
      <Calls />
      <Link href="/orders">Orders</Link>
    </main>
  )
}
`,
  'app/(site)/orders/page.tsx': `import { Calls } from '../Calls'

export default function Orders() {
  return (
    <main>
      <h1>Orders</h1>
      <Calls />
    </main>
  )
}
`,
}

/** Visits both pages and calls every API route from each; returns the `Server-Timing` header of each API response. */
async function driveEveryRoute(page: Page, url: string): Promise<Map<string, string | undefined>> {
  const timings = new Map<string, string | undefined>()
  page.on('response', (response) => {
    const { pathname } = new URL(response.url())
    if (pathname.startsWith('/api/'))
      timings.set(`${response.request().method()} ${pathname}`, response.headers()['server-timing'])
  })
  for (const path of ['/', '/orders']) {
    await page.goto(url + path)
    const responses = page.getByRole('list', { name: 'Responses' })
    for (const round of [1, 2]) {
      for (const name of ['Load items', 'Load order 7', 'Send feedback'])
        await page.getByRole('button', { name }).click()
      await expect.poll(() => responses.getByRole('listitem').count(), { timeout: 60_000 }).toBe(3 * round)
    }
  }
  return timings
}

describe('a create-next-app App Router app with perfscope from npm pack, set up as docs/getting-started.md says', () => {
  const setup = docSetup('Next.js (App Router)')
  const parent = makeTempApp('next')
  const app = join(parent, 'app')
  let server: AppServer | undefined
  let browser: Browser | undefined

  beforeAll(async () => {
    await runStep(
      'npx create-next-app@latest',
      'npx',
      [
        '--yes',
        'create-next-app@latest',
        'app',
        '--yes',
        '--ts',
        '--app',
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
    if (!existsSync(join(app, 'app/page.tsx'))) throw new Error("create-next-app's template no longer has app/page.tsx")
    // The docs: pages move into the (site) route group, so the floating overlay stays off /dev/performance.
    mkdirSync(join(app, 'app/(site)'), { recursive: true })
    renameSync(join(app, 'app/page.tsx'), join(app, 'app/(site)/page.tsx'))
    rmSync(join(app, 'app/page.module.css'), { force: true })
    expect([...setup.files.keys()].sort()).toEqual([
      'app/(site)/layout.tsx',
      'app/api/items/route.ts',
      'app/api/performance-metrics/route.ts',
      'app/dev/performance/page.tsx',
      'lib/perfscope.ts',
    ])
    for (const [path, code] of [...setup.files, ...Object.entries(APP_FILES)]) {
      mkdirSync(dirname(join(app, path)), { recursive: true })
      writeFileSync(join(app, path), code)
    }
    await installAsDocsSay("npm install (the template and the docs' install line)", app, setup.install, 300_000)
    browser = await launchChromium()
  })

  afterEach(async () => {
    await server?.stop()
    server = undefined
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('builds with next build, and the production client bundle has no perfscope code', async () => {
    expect(await nextBuildMentions(app)).toEqual([])
  })

  it('under next start, server timings from every route reach GET /api/performance-metrics, for authorized readers only', async () => {
    server = await startNext(app, 'start', { PERFSCOPE_TOKEN: TOKEN })
    const page = await browser!.newPage()
    const timings = await driveEveryRoute(page, server.url)
    await page.close()
    expect(keysOf(Object.fromEntries(timings))).toEqual(['GET /api/items', 'GET /api/orders/7', 'POST /api/feedback'])
    for (const [route, header] of timings) expect(header, `Server-Timing on ${route}`).toMatch(/\btotal;dur=/)

    expect((await readMetrics(server)).status, 'GET /api/performance-metrics without a token').not.toBe(200)
    expect((await readMetrics(server, 'wrong')).status, 'GET /api/performance-metrics with a wrong token').not.toBe(200)
    const { status, body } = await readMetrics(server, TOKEN)
    expect(status).toBe(200)
    const today = body!.days.at(-1)!
    expect(keysOf(today.server.routes)).toEqual(['GET /api/items', 'GET /api/orders/:id', 'POST /api/feedback'])
    for (const route of Object.values(today.server.routes)) expect(route.count).toBe(4)
    // A production page runs no monitor: nothing is piggybacked.
    expect(today.client.batches).toBe(0)
  })

  describe('under next dev', () => {
    const carried: string[] = []
    const errors: string[] = []
    let reply: MetricsReply | undefined
    const HTTP_KEYS = ['http.GET /api/items', 'http.GET /api/orders/:id', 'http.POST /api/feedback']
    const explain = () =>
      `the browser sent: ${carried.join(', ')}; GET /api/performance-metrics answered ${JSON.stringify(reply)}`

    it('batches from every page and API route reach GET /api/performance-metrics', async () => {
      server = await startNext(app, 'dev', { PERFSCOPE_TOKEN: TOKEN }, 180_000)
      const page = await browser!.newPage()
      page.on('pageerror', (error) => errors.push(error.message))
      page.on('request', (request) => {
        const { pathname } = new URL(request.url())
        if (request.headers()['x-perfscope-batch']) carried.push(`batch on ${request.method()} ${pathname}`)
      })
      await driveEveryRoute(page, server.url)
      // The last calls' metrics ride on the beacon a page sends when it goes away.
      await page.close({ runBeforeUnload: true })
      await expect
        .poll(
          async () => {
            reply = (await readMetrics(server!, TOKEN)).body
            // Batches are decoded after the response that carried them: wait until none is left in the queue.
            if (reply?.ingest.pending !== 0) return []
            return keysOf(reply.days.at(-1)?.client.metrics).filter((k) => HTTP_KEYS.includes(k))
          },
          { timeout: 30_000, message: 'client metrics of every API route, with no batch left to decode' },
        )
        .toEqual([...HTTP_KEYS].sort())
      const today = reply!.days.at(-1)!
      expect(today.client.batches, explain()).toBeGreaterThan(1)
      expect(reply!.ingest.accepted, explain()).toBe(reply!.ingest.received)
      for (const key of HTTP_KEYS)
        expect(today.client.metrics[key]!.count, `${key}: ${explain()}`).toBeGreaterThanOrEqual(1)
      expect(errors).toEqual([])
    })

    // Next.js gives route handlers a request.url on `localhost` whatever Host the browser used: the beacon's
    // Origin (http://127.0.0.1:<port>) is checked against the Host header as well.
    it('takes the beacon a page sends when it goes away', () => {
      expect(reply, explain()).toMatchObject({ writes: { refused: { origin: 0 } } })
    })
  })
})
