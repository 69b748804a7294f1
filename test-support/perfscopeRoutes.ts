import type { IncomingMessage, ServerResponse } from 'node:http'
import { createPerfscope, trackDbQuery } from '@perfscope/server'

/**
 * A small app behind the real `@perfscope/server` middleware, under `/__perfscope/`, for end-to-end tests of
 * the piggyback transport: `/__perfscope/items` is the app's polled endpoint (it runs a timed "query"),
 * `/__perfscope/metrics` is perfscope's endpoint, and `/__perfscope/state` (not behind the middleware) tells the
 * test what the server saw. `/__perfscope/reset` starts over.
 */
export const METRICS_PATH = '/__perfscope/metrics'

let middleware = createPerfscope({ endpoint: METRICS_PATH, timingAllowOrigin: '*' }).middleware()
let seen: Array<{ method: string; path: string; batch: boolean }> = []

export function handlePerfscopeRoute(req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  if (!url.pathname.startsWith('/__perfscope/')) return false
  if (url.pathname === '/__perfscope/state') {
    const server = middleware.perfscope
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    res.end(JSON.stringify({ seen, ingest: server.ingest.counters, days: server.store.summaries() }))
    return true
  }
  if (url.pathname === '/__perfscope/reset') {
    middleware = createPerfscope({ endpoint: METRICS_PATH, timingAllowOrigin: '*' }).middleware()
    seen = []
    res.writeHead(204)
    res.end()
    return true
  }
  seen.push({ method: req.method ?? 'GET', path: url.pathname, batch: req.headers['x-perfscope-batch'] !== undefined })
  middleware(req, res, async () => {
    await trackDbQuery('items', () => new Promise((resolve) => setTimeout(resolve, 5)))
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    res.end(JSON.stringify({ items: [1, 2, 3] }))
  })
  return true
}
