import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleMentions } from './lib/bundleMentions.ts'
import { docSetup } from './lib/docFiles.ts'
import { launchChromium } from './lib/launchChromium.ts'
import { makeTempApp } from './lib/makeTempApp.ts'
import { runStep } from './lib/runStep.ts'
import { startAppServer, type AppServer } from './lib/startAppServer.ts'
import { installAsDocsSay } from './lib/tarballs.ts'

/** The app's own API, mocked by a small Vite plugin the way many front-end teams do before a backend exists. */
const VITE_CONFIG = `import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

function mockApi(): Plugin {
  return {
    name: 'mock-api',
    configureServer(server) {
      server.middlewares.use('/api', (req, res) => {
        res.setHeader('content-type', 'application/json')
        req.resume()
        req.on('end', () => {
          res.statusCode = req.method === 'POST' ? 201 : 200
          res.end(JSON.stringify({ path: req.url }))
        })
      })
    },
  }
}

export default defineConfig({ plugins: [react(), mockApi()] })
`

/** A small app: buttons that call the API, and a native modal dialog whose form posts feedback. */
const APP = `import { useRef, useState } from 'react'

export default function App() {
  const [log, setLog] = useState<string[]>([])
  const dialog = useRef<HTMLDialogElement>(null)
  const call = async (label: string, url: string, init?: RequestInit) => {
    const response = await fetch(url, init)
    await response.json()
    setLog((lines) => [...lines, label + ' ' + response.status])
  }
  return (
    <main>
      <h1>Orders</h1>
      <button onClick={() => void call('items', '/api/items')}>Load items</button>
      <button onClick={() => void call('user', '/api/users/42')}>Load user 42</button>
      <button onClick={() => dialog.current?.showModal()}>Give feedback</button>
      <dialog ref={dialog} aria-labelledby="feedback-title">
        <form method="dialog" onSubmit={() => void call('feedback', '/api/feedback', { method: 'POST', body: '{"text":"fast"}' })}>
          <h2 id="feedback-title">Feedback</h2>
          <button type="submit">Send feedback</button>
        </form>
      </dialog>
      <ul aria-label="Responses">
        {log.map((line, i) => <li key={i}>{line}</li>)}
      </ul>
    </main>
  )
}
`

const INSTALL_TIMEOUT = 240_000

/** Reads the count cell of an endpoint's row in the overlay's Network tab. */
async function endpointCount(page: Page, key: RegExp): Promise<number> {
  const row = page.getByRole('table', { name: 'Endpoints' }).getByRole('row', { name: key })
  await row.waitFor({ timeout: 15_000 })
  return Number(await row.getByRole('cell').nth(1).textContent())
}

describe('a fresh Vite + React app (npm create vite, react-ts) with perfscope from npm pack', () => {
  const setup = docSetup('Vite + React')
  const parent = makeTempApp('vite')
  const app = join(parent, 'app')
  let server: AppServer | undefined
  let browser: Browser | undefined

  beforeAll(async () => {
    await runStep(
      'npm create vite@latest (react-ts)',
      'npm',
      ['create', '--yes', 'vite@latest', 'app', '--', '--template', 'react-ts', '--no-interactive'],
      {
        cwd: parent,
        timeoutMs: 120_000,
      },
    )
    for (const file of ['package.json', 'src/main.tsx', 'src/App.tsx', 'vite.config.ts']) {
      if (!existsSync(join(app, file)))
        throw new Error(`create-vite's react-ts template no longer has ${file}; the test writes over it`)
    }
    expect([...setup.files.keys()]).toEqual(['src/main.tsx'])
    for (const [path, code] of setup.files) writeFileSync(join(app, path), code)
    writeFileSync(join(app, 'src/App.tsx'), APP)
    writeFileSync(join(app, 'vite.config.ts'), VITE_CONFIG)
    await installAsDocsSay("npm install (the template and the docs' install line)", app, setup.install, INSTALL_TIMEOUT)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("builds with the template's own type-check, and the production bundle has no perfscope code", async () => {
    await runStep('npm run build (tsc -b && vite build)', 'npm', ['run', 'build'], { cwd: app, timeoutMs: 180_000 })
    expect(bundleMentions(join(app, 'dist'), /perfscope|Performance overlay|X-Perfscope/i)).toEqual([])
  })

  it("shows the app's endpoints in the overlay, also after a modal dialog and a reload", async () => {
    server = await startAppServer('vite dev server', app, 'node_modules/vite/bin/vite.js', [
      '--host',
      '127.0.0.1',
      '--port',
      '{port}',
      '--strictPort',
    ])
    browser = await launchChromium()
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const sent = new Map<string, number>()
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname
      if (path.startsWith('/api/'))
        sent.set(`${request.method()} ${path}`, (sent.get(`${request.method()} ${path}`) ?? 0) + 1)
    })
    const responses = page.getByRole('list', { name: 'Responses' })

    await page.goto(server.url)
    await page.getByRole('heading', { name: 'Orders' }).waitFor()
    await page.getByRole('button', { name: 'Load items' }).click()
    await page.getByRole('button', { name: 'Load items' }).click()
    await page.getByRole('button', { name: 'Load user 42' }).click()
    await page.getByRole('button', { name: 'Give feedback' }).click()
    await page.getByRole('dialog', { name: 'Feedback' }).getByRole('button', { name: 'Send feedback' }).click()
    await responses.getByText('feedback 201').waitFor()
    await expect.poll(() => responses.getByRole('listitem').count()).toBe(4)

    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tab', { name: 'Network' }).click()
    await expect
      .poll(() => endpointCount(page, /GET \/api\/items\b/), { timeout: 15_000 })
      .toBe(sent.get('GET /api/items'))
    expect(sent.get('GET /api/items')).toBe(2)
    // The id in the path is a placeholder in the endpoint's key.
    await expect.poll(() => endpointCount(page, /GET \/api\/users\/:id\b/), { timeout: 15_000 }).toBe(1)
    await expect.poll(() => endpointCount(page, /POST \/api\/feedback\b/), { timeout: 15_000 }).toBe(1)

    sent.clear()
    await page.reload()
    await page.getByRole('heading', { name: 'Orders' }).waitFor()
    await page.getByRole('button', { name: 'Load items' }).click()
    await responses.getByText('items 200').waitFor()
    // The panel comes back open after the reload (its open state and tab are remembered).
    const toggle = page.getByRole('button', { name: 'Performance overlay' })
    await expect.poll(() => toggle.getAttribute('aria-expanded'), { timeout: 15_000 }).toBe('true')
    await expect
      .poll(() => page.getByRole('tab', { name: 'Network' }).getAttribute('aria-selected'), { timeout: 15_000 })
      .toBe('true')
    await expect
      .poll(() => endpointCount(page, /GET \/api\/items\b/), { timeout: 15_000 })
      .toBe(sent.get('GET /api/items'))
    expect(errors).toEqual([])
  })
})
