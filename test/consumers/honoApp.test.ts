import { writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { docSetup } from './lib/docFiles.ts'
import { makeTempApp } from './lib/makeTempApp.ts'
import type { MetricsReply } from './lib/readMetrics.ts'
import { runStep } from './lib/runStep.ts'
import { installAsDocsSay } from './lib/tarballs.ts'

const TOKEN = 'consumer-test-token'

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    outDir: 'dist',
    rootDir: 'src',
    types: ['node'],
  },
  include: ['src'],
}

/** Calls the docs' Hono app the way a Fetch runtime does and prints what came back, as JSON. */
const CALLER = `import app from './dist/index.js'

const call = async (path, headers = {}) => {
  const response = await app.fetch(new Request('http://127.0.0.1:3000' + path, { headers }))
  return { status: response.status, serverTiming: response.headers.get('server-timing'), body: await response.text() }
}
const items = await call('/api/items')
const anonymous = await call('/api/performance-metrics')
const reader = await call('/api/performance-metrics', { authorization: 'Bearer ${TOKEN}' })
console.log(JSON.stringify({ items, anonymous, reader }))
`

describe('a Hono app with @perfscope/server from npm pack, as docs/getting-started.md shows it', () => {
  const setup = docSetup('Hono')
  const app = makeTempApp('hono', { name: 'hono-consumer', private: true, type: 'module' })

  beforeAll(async () => {
    expect([...setup.files.keys()]).toEqual(['src/index.ts'])
    mkdirSync(join(app, 'src'))
    for (const [path, code] of setup.files) writeFileSync(join(app, path), code)
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(TSCONFIG))
    writeFileSync(join(app, 'call.mjs'), CALLER)
    await installAsDocsSay("npm install (the docs' install line)", app, setup.install, 240_000, [
      'typescript',
      '@types/node@20',
    ])
  })

  it('compiles, times the app and answers the metrics route to the token holder only', async () => {
    await runStep("tsc (the docs' src/index.ts)", process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], {
      cwd: app,
      timeoutMs: 120_000,
    })
    const output = await runStep('node call.mjs', process.execPath, ['call.mjs'], {
      cwd: app,
      timeoutMs: 60_000,
      env: { PERFSCOPE_TOKEN: TOKEN },
    })
    const { items, anonymous, reader } = JSON.parse(output.trim().split('\n').at(-1)!) as Record<
      string,
      { status: number; serverTiming: string | null; body: string }
    >
    expect(items).toMatchObject({ status: 200, body: '[{"id":1,"name":"First"}]' })
    expect(items!.serverTiming).toMatch(/\btotal;dur=/)
    expect(anonymous!.status).not.toBe(200)
    expect(reader!.status).toBe(200)
    const reply = JSON.parse(reader!.body) as MetricsReply
    expect(Object.keys(reply.days.at(-1)!.server.routes)).toEqual(['GET /api/items'])
  })
})
