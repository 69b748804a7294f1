import type { IncomingMessage, ServerResponse } from 'node:http'
import { BATCH_HEADER_NAME, LOAD_HEADER, MAX_BEACON_BYTES, PerfscopeServer, type PerfscopeServerOptions } from './perfscopeServer.ts'
import { routeKey } from './routeKey.ts'
import { RequestTiming, runWithTiming } from './serverTiming.ts'

/** A Connect-style middleware, usable with `node:http`, Connect and Express. Carries the shared state. */
export interface PerfscopeMiddleware {
  (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void
  /** The store, ingest queue and options behind this middleware (e.g. to read summaries in a test). */
  readonly perfscope: PerfscopeServer
}

/** Express puts the matched route on the request; when present it names the endpoint better than the URL. */
type MaybeExpressRequest = IncomingMessage & { originalUrl?: string; baseUrl?: string; route?: { path?: unknown } }

/**
 * Times every request, adds `Server-Timing`, reads piggybacked batches (decoded after the response, off the
 * request path), and answers the metrics endpoint. Anything perfscope fails at is swallowed and counted: the app's
 * request is handled exactly as without it.
 *
 * ```ts
 * app.use(perfscopeMiddleware())                                     // Express / Connect
 * http.createServer((req, res) => mw(req, res, () => handler(req, res)))  // node:http
 * ```
 */
export function perfscopeMiddleware(options: PerfscopeServerOptions = {}): PerfscopeMiddleware {
  const server = new PerfscopeServer(options)

  const middleware = ((req: MaybeExpressRequest, res: ServerResponse, next?: (error?: unknown) => void) => {
    let pathname = '/'
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname
    } catch {
      // An unparsable URL is the app's to answer; perfscope only times it.
    }
    if (server.owns(pathname)) {
      answerEndpoint(server, req, res)
      return
    }
    const timing = new RequestTiming()
    const batch = req.headers[BATCH_HEADER_NAME]
    const load = req.headers[LOAD_HEADER] !== undefined
    addTimingHeadersBeforeWrite(server, res, timing)
    res.once('finish', () => {
      try {
        const routePath = typeof req.route?.path === 'string' ? `${req.baseUrl ?? ''}${req.route.path}` : null
        const route = routePath ? `${(req.method ?? 'GET').toUpperCase()} ${routePath}` : routeKey(req.method, req.originalUrl ?? req.url)
        server.observe(route, (req.method ?? 'GET').toUpperCase(), res.statusCode, timing, load)
        if (typeof batch === 'string') server.ingest.enqueue(batch)
      } catch {
        // Recording must never affect the response, which is already sent.
      }
    })
    runWithTiming(timing, () => next?.())
  }) as PerfscopeMiddleware
  Object.defineProperty(middleware, 'perfscope', { value: server })
  return middleware
}

/**
 * `Server-Timing` must go out with the headers, and the total is known only then: wrap this response's
 * `writeHead` (which `res.end()` also calls) to add the header at the last moment.
 */
function addTimingHeadersBeforeWrite(server: PerfscopeServer, res: ServerResponse, timing: RequestTiming): void {
  const writeHead = res.writeHead
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    try {
      if (!this.headersSent) {
        for (const [name, value] of Object.entries(server.timingHeaders(timing))) {
          const existing = this.getHeader(name)
          this.setHeader(name, existing === undefined ? value : `${String(existing)}, ${value}`)
        }
      }
    } catch {
      // A header perfscope could not add leaves the response as the app wrote it.
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args)
  } as ServerResponse['writeHead']
}

function answerEndpoint(server: PerfscopeServer, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const method = (req.method ?? 'GET').toUpperCase()
  const respond = (body: string | null) =>
    server.answer(method, url, body).then(
      (answer) => {
        res.writeHead(answer.status, answer.headers)
        res.end(method === 'HEAD' ? undefined : answer.body)
      },
      () => {
        res.writeHead(500, { 'content-type': 'text/plain' })
        res.end('perfscope: could not answer')
      },
    )
  if (method !== 'POST') {
    void respond(null)
    return
  }
  const chunks: Buffer[] = []
  let size = 0
  let tooLarge = false
  req.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size > MAX_BEACON_BYTES) tooLarge = true
    else chunks.push(chunk)
  })
  req.on('end', () => void respond(tooLarge ? null : Buffer.concat(chunks).toString('utf8')))
  req.on('error', () => res.destroy())
}
