import type { IncomingMessage, ServerResponse } from 'node:http'
import { perfscopeMiddleware } from '@perfscope/server'
import { route } from './api.ts'

/**
 * The playground's API behind `@perfscope/server` (Server-Timing out, piggybacked batches in, the metrics endpoint
 * at `/api/performance-metrics`). Paths outside `/api/` go to `next`.
 */
export function createApiMiddleware(): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const perfscope = perfscopeMiddleware()
  return (req, res, next) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname
    if (!pathname.startsWith('/api/')) return next()
    const handler = route(pathname)
    perfscope(req, res, handler ? () => handler(req, res) : next)
  }
}
