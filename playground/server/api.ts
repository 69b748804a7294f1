import type { IncomingMessage, ServerResponse } from 'node:http'
import { trackDbQuery } from '@perfscope/server'

/**
 * The playground's API, as plain `(req, res)` handlers so `@perfscope/server`'s middleware can wrap each one in a
 * single line. Every delay, size and stream is bounded.
 */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void

/** The slow endpoint answers after 600 to 1400 ms. */
export const SLOW_DELAY_MS = { min: 600, max: 1400 } as const
/** The flaky endpoint fails this often. */
export const FLAKY_FAILURE_RATE = 0.35
/** An event stream sends this many events at most, one per second, then ends (the browser reconnects). */
export const STREAM_MAX_EVENTS = 300

const NAMES = [
  'Aurora',
  'Basalt',
  'Cobalt',
  'Delta',
  'Ember',
  'Fjord',
  'Garnet',
  'Harbor',
  'Indigo',
  'Juniper',
  'Kestrel',
  'Lumen',
]

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Cache-Control', 'no-store')
  res.end(text)
}

function items(): { id: number; name: string; load: number; updatedAt: string }[] {
  const now = Date.now()
  return NAMES.map((name, i) => ({
    id: i + 1,
    name,
    load: Math.round(50 + 45 * Math.sin(now / 7000 + i)),
    updatedAt: new Date(now).toISOString(),
  }))
}

/** `GET /api/items`: a small list whose values drift over time, for polling. */
export const listItems: Handler = (_req, res) => json(res, 200, { items: items() })

/** `GET /api/items/:id`: one item, 404 when unknown. */
export const getItem: Handler = (req, res) => {
  const id = Number(new URL(req.url ?? '/', 'http://x').pathname.split('/').pop())
  const item = items().find((i) => i.id === id)
  if (item) json(res, 200, item)
  else json(res, 404, { error: 'not found' })
}

/** `GET /api/slow`: deliberately slow, in a pretend database query (reported as `db` in `Server-Timing`). */
export const slow: Handler = (_req, res) => {
  const delay = SLOW_DELAY_MS.min + Math.random() * (SLOW_DELAY_MS.max - SLOW_DELAY_MS.min)
  void trackDbQuery('slow report', () => new Promise((resolve) => setTimeout(resolve, delay))).then(() =>
    json(res, 200, { ok: true, tookMs: Math.round(delay) }),
  )
}

/** `GET /api/flaky`: fails with a 503 about a third of the time. */
export const flaky: Handler = (_req, res) => {
  if (Math.random() < FLAKY_FAILURE_RATE) json(res, 503, { error: 'upstream unavailable' })
  else setTimeout(() => json(res, 200, { ok: true }), 20 + Math.random() * 80)
}

/** `GET /api/status`: cheap, for the polling-runaway demo. */
export const status: Handler = (_req, res) => json(res, 200, { ok: true, at: Date.now() })

/** `GET /api/stream`: Server-Sent Events, one `tick` a second, bounded; ends when the client leaves. */
export const stream: Handler = (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
  res.write('retry: 3000\n\n')
  let sent = 0
  const timer = setInterval(() => {
    sent++
    res.write(
      `event: tick\ndata: ${JSON.stringify({ n: sent, at: Date.now(), load: Math.round(Math.random() * 100) })}\n\n`,
    )
    if (sent >= STREAM_MAX_EVENTS) stop()
  }, 1000)
  const stop = () => {
    clearInterval(timer)
    res.end()
  }
  req.on('close', stop)
}

/** The routes of the playground API; a path not listed falls through to the app. */
export function route(pathname: string): Handler | null {
  if (pathname === '/api/items') return listItems
  if (/^\/api\/items\/\d+$/.test(pathname)) return getItem
  if (pathname === '/api/slow') return slow
  if (pathname === '/api/flaky') return flaky
  if (pathname === '/api/status') return status
  if (pathname === '/api/stream') return stream
  return null
}
