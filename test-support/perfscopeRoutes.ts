import type { IncomingMessage, ServerResponse } from 'node:http'
import { createPerfscope, trackDbQuery } from '@perfscope/server'

/**
 * A small app behind the real `@perfscope/server` middleware, under `/__perfscope/`, for end-to-end tests of
 * the piggyback transport: `/__perfscope/items` is the app's polled endpoint (it runs a timed "query"),
 * `/__perfscope/metrics` is perfscope's endpoint, and `/__perfscope/state` (not behind the middleware) tells the
 * test what the server saw. `/__perfscope/reset` starts over. `/__perfscope/refuse-batch` answers 400 to a request
 * carrying a batch (as a proxy does for a large header).
 */
export const METRICS_PATH = '/__perfscope/metrics'

/** Each reset starts a new instance: a process keeps one state per instance name. */
let resets = 0
const freshMiddleware = () =>
  createPerfscope({ name: `test-support-${++resets}`, endpoint: METRICS_PATH, timingAllowOrigin: '*' }).middleware()
let middleware = freshMiddleware()
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
    middleware = freshMiddleware()
    seen = []
    res.writeHead(204)
    res.end()
    return true
  }
  seen.push({ method: req.method ?? 'GET', path: url.pathname, batch: req.headers['x-perfscope-batch'] !== undefined })
  middleware(req, res, async () => {
    if (url.pathname === '/__perfscope/refuse-batch' && req.headers['x-perfscope-batch'] !== undefined) {
      // What nginx answers when the request's headers are too large for its buffers.
      res.writeHead(400, { 'content-type': 'text/plain' })
      res.end('Request Header Or Cookie Too Large')
      return
    }

    await trackDbQuery('items', () => new Promise((resolve) => setTimeout(resolve, 5)))
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    res.end(JSON.stringify({ items: [1, 2, 3] }))
  })
  return true
}
