import { AsyncLocalStorage } from 'node:async_hooks'
import { builtinModules } from 'node:module'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'
import { EdgeRuntime } from 'edge-runtime'
import { beforeAll, describe, expect, it } from 'vitest'

const FETCH_ENTRY = fileURLToPath(new URL('../../src/index.ts', import.meta.url))
/** The conditions Next.js uses for edge routes (Cloudflare's `workerd` resolves the same way here). */
const EDGE_CONDITIONS = ['@perfscope/source', 'edge-light', 'worker', 'browser', 'import', 'default']

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))

/** Fails the build on any Node built-in, as an edge bundler does ("Native module not found"). */
const noNodeBuiltins: Plugin = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) =>
      NODE_BUILTINS.has(args.path)
        ? { errors: [{ text: `${args.path} is not available on edge runtimes (imported by ${args.importer})` }] }
        : undefined,
    )
  },
}

async function bundle(format: 'esm' | 'iife') {
  return build({
    entryPoints: [FETCH_ENTRY],
    bundle: true,
    write: false,
    platform: 'neutral',
    format,
    globalName: format === 'iife' ? 'perfscopeServer' : undefined,
    conditions: EDGE_CONDITIONS,
    mainFields: ['module', 'main'],
    plugins: [noNodeBuiltins],
    logLevel: 'silent',
  })
}

describe('the Fetch-API entry on edge runtimes', () => {
  let code = ''
  beforeAll(async () => {
    code = (await bundle('iife')).outputFiles[0]!.text
  })

  it('bundles for a neutral platform with every Node built-in unavailable', async () => {
    const result = await bundle('esm')
    expect(result.errors).toEqual([])
    expect(result.outputFiles[0]!.text.length).toBeGreaterThan(0)
  })

  /** Runs `body` (an async function body) in Vercel's edge runtime with the bundle loaded. */
  async function inEdge<T>(body: string, withAsyncLocalStorage = false): Promise<T> {
    const runtime = new EdgeRuntime({
      initialCode: code,
      // Next.js gives edge routes AsyncLocalStorage as a global; plain edge-runtime does not.
      extend: (context) => (withAsyncLocalStorage ? Object.assign(context, { AsyncLocalStorage }) : context),
    })
    return JSON.parse(
      await runtime.evaluate<Promise<string>>(`(async () => JSON.stringify(await (async () => { ${body} })()))()`),
    ) as T
  }

  it('times a wrapped handler, announces batches and answers the metrics endpoint in the edge sandbox', async () => {
    const result = await inEdge<{
      status: number
      body: string
      serverTiming: string
      metrics: number
      scoped: boolean
      routes: string[]
    }>(`
      const { createPerfscope, timing, requestScopedTiming } = perfscopeServer
      const perfscope = createPerfscope()
      const handler = perfscope.wrap(async () => {
        const end = timing.start('work')
        await new Promise((r) => setTimeout(r, 5))
        end()
        return new Response('from the app', { status: 201 })
      })
      const response = await handler(new Request('http://localhost/api/items/42', { headers: { 'x-perfscope-batch': 'not-a-batch' } }))
      const metrics = await perfscope.metricsRoute.GET(new Request('http://localhost/api/performance-metrics'))
      const summary = await metrics.json()
      return {
        status: response.status,
        body: await response.text(),
        serverTiming: response.headers.get('server-timing'),
        metrics: metrics.status,
        scoped: requestScopedTiming,
        routes: Object.keys(summary.days.at(-1).server.routes),
      }
    `)
    expect(result).toMatchObject({
      status: 201,
      body: 'from the app',
      metrics: 200,
      scoped: false,
      routes: ['GET /api/items/:id'],
    })
    expect(result.serverTiming).toMatch(/^total;dur=[\d.]+, perfscope;desc="batch=2 header=\d+ beacon=\d+"$/)
  })

  it('attributes spans to their request where the runtime has AsyncLocalStorage', async () => {
    const result = await inEdge<{ serverTiming: string; scoped: boolean }>(
      `
      const { createPerfscope, timing, requestScopedTiming } = perfscopeServer
      const handler = createPerfscope().wrap(async () => {
        const end = timing.start('work')
        await new Promise((r) => setTimeout(r, 5))
        end()
        return new Response('ok')
      })
      const response = await handler(new Request('http://localhost/api/items'))
      return { serverTiming: response.headers.get('server-timing'), scoped: requestScopedTiming }
    `,
      true,
    )
    expect(result.scoped).toBe(true)
    expect(result.serverTiming).toMatch(/^total;dur=[\d.]+, work;dur=[\d.]+, perfscope;/)
  })

  it('caps a beacon body that never ends in the edge sandbox', async () => {
    const result = await inEdge<{ status: number; pulled: number }>(`
      const perfscope = perfscopeServer.createPerfscope()
      let pulled = 0
      const chunk = new Uint8Array(64 * 1024)
      const body = new ReadableStream({ pull(c) { if (pulled >= 300 * 1024 * 1024) return c.close(); pulled += chunk.byteLength; c.enqueue(chunk) } })
      const response = await perfscope.metricsRoute.POST(new Request('http://localhost/api/performance-metrics', { method: 'POST', body, duplex: 'half' }))
      return { status: response.status, pulled }
    `)
    expect(result.status).toBe(413)
    expect(result.pulled).toBeLessThanOrEqual(4 * 64 * 1024)
  })

  it('says clearly what needs Node when asked for there', async () => {
    const message = await inEdge<string>(`
      try { perfscopeServer.createPerfscope({ prometheus: true }); return 'no error' } catch (error) { return error.message }
    `)
    expect(message).toMatch(/prometheus option needs Node\.js/)
    const dir = await inEdge<string>(`
      try { perfscopeServer.createPerfscope({ store: { dir: '/tmp/perfscope' } }); return 'no error' } catch (error) { return error.message }
    `)
    expect(dir).toMatch(/store\.dir needs Node\.js/)
  })
})
