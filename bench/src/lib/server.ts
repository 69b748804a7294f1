import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { createPerfscope } from '@perfscope/server'

/** Counts the bench server keeps, so a measurement can check from the server side what the page did. */
export interface ServerCounts {
  /** Requests to `/json`. */
  json: number
  /** Requests to `/json` that carried `X-Perfscope-Load` (made by the load simulator). */
  loadTagged: number
  /** Requests to `/intake/…` and Sentry's envelope endpoint (the SDKs' own beacons). */
  intake: number
}

/** The bench's HTTP server on 127.0.0.1. */
export interface BenchServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  readonly counts: ServerCounts
  /** Batches perfscope's server half has taken from pages so far (piggybacked or beaconed), decoded and accepted. */
  batchesAccepted(): number
  resetCounts(): void
  close(): Promise<void>
}

/** The small JSON every fetch measurement asks for (64 bytes, like a typical polled status document). */
export const SMALL_JSON = JSON.stringify({ ok: true, id: 42, status: 'ready', items: [1, 2, 3], pad: 'xxxxxx' })

/**
 * Cross-origin isolation: without it Chromium coarsens `performance.now()` to 100 µs, too coarse for a per-request
 * cost of a few µs; with it the resolution is 5 µs (https://developer.chrome.com/blog/cross-origin-isolation-guide).
 */
const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
}

/** Where the small JSON document is served behind perfscope's server half, as an app using it would serve its API. */
export const APP_JSON = '/app/json'

/**
 * Starts a plain `node:http` server on 127.0.0.1 (an ephemeral port) that serves the bench pages built into
 * `wwwDir`, the small JSON document the pages fetch, and an intake that accepts the other SDKs' beacons.
 * A page is `/page/<name>`: an HTML shell that loads `/www/<name>/<name>.js`. The same document is also served at
 * {@link APP_JSON} behind `@perfscope/server`'s middleware (which announces that it takes batches, reads the ones
 * piggybacked on the request and adds `Server-Timing`), with its metrics endpoint for the page's final beacon.
 */
export async function startBenchServer(wwwDir: string): Promise<BenchServer> {
  const counts: ServerCounts = { json: 0, loadTagged: 0, intake: 0 }
  const root = normalize(wwwDir)
  const perfscope = createPerfscope({ name: 'perfscope-bench' })
  const appHalf = perfscope.middleware()

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = url.pathname
    if (path === '/json') {
      counts.json++
      if (req.headers['x-perfscope-load'] !== undefined) counts.loadTagged++
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      res.end(SMALL_JSON)
      return
    }
    if (path === APP_JSON || path === '/api/performance-metrics') {
      appHalf(req, res, () => {
        if (path !== APP_JSON) return notFound(res)
        counts.json++
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        res.end(SMALL_JSON)
      })
      return
    }
    if (path.startsWith('/intake/') || /^\/api\/\d+\/envelope\/?$/.test(path)) {
      counts.intake++
      // Drain the beacon so the connection is reusable, then answer as an intake would.
      for await (const _chunk of req) void _chunk
      res.writeHead(202, { 'content-type': 'application/json' })
      res.end('{}')
      return
    }
    if (path.startsWith('/page/')) {
      const name = path.slice('/page/'.length)
      if (!/^[\w-]+$/.test(name)) return notFound(res)
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...ISOLATION })
      res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench ${name}</title></head>` +
          `<body><main id="root"></main><script type="module" src="/www/${name}/${name}.js"></script></body></html>`,
      )
      return
    }
    if (path.startsWith('/www/')) {
      const file = normalize(join(root, decodeURIComponent(path.slice('/www/'.length))))
      if (!file.startsWith(root + sep)) return notFound(res)
      try {
        const body = await readFile(file)
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...ISOLATION })
        res.end(body)
      } catch {
        notFound(res)
      }
      return
    }
    if (path === '/favicon.ico') {
      res.writeHead(204)
      res.end()
      return
    }
    notFound(res)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(String(error))
    })
  })
  // Loopback keeps connections alive between the measured requests, as a real app's origin would.
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('bench server has no TCP address')
  return {
    origin: `http://127.0.0.1:${address.port}`,
    counts,
    batchesAccepted: () => perfscope.server.ingest.counters.accepted,
    resetCounts() {
      counts.json = 0
      counts.loadTagged = 0
      counts.intake = 0
    },
    close() {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain' })
  res.end('not found')
}
