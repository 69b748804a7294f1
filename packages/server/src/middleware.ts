import type { IncomingMessage, ServerResponse } from 'node:http'
import { isLoopbackAddress } from './accessControl.ts'
import { BATCH_HEADER_NAME, LOAD_HEADER, type PerfscopeServer } from './perfscopeServer.ts'
import { readIncomingBody } from './readCappedBody.ts'
import { withClientAddress, type PerfscopeRequest } from './requestView.ts'
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
 * Creates the middleware over `server`: times every request, adds `Server-Timing`, takes piggybacked batches
 * from allowed origins within the rate limits (decoded after the response, off the request path), and answers
 * the metrics endpoint. Anything perfscope fails at is swallowed and counted: the app's request is handled
 * exactly as without it.
 */
export function createMiddleware(server: PerfscopeServer): PerfscopeMiddleware {
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
    addTimingHeadersBeforeWrite(server, req, res, timing)
    res.once('finish', () => {
      try {
        const template = typeof req.route?.path === 'string' ? `${req.baseUrl ?? ''}${req.route.path}` : null
        server.observe(
          routeKey(req.method, req.originalUrl ?? req.url, template),
          (req.method ?? 'GET').toUpperCase(),
          res.statusCode,
          timing,
          load,
        )
        if (typeof batch === 'string' && server.refuseWrite(requestView(server, req)) === null)
          server.ingest.enqueue(batch)
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
 * The request as perfscope's access checks see it. The client is the socket's peer unless `clientAddress` says
 * otherwise; when the peer is a proxy on this machine (loopback), it is the address that proxy appended last to
 * `X-Forwarded-For`, so clients behind a local reverse proxy are neither all "loopback" nor all one client.
 */
function requestView(server: PerfscopeServer, req: IncomingMessage): PerfscopeRequest {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value)
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v)
  }
  let url: URL
  try {
    url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`)
  } catch {
    url = new URL('http://invalid.invalid/')
  }
  const view: PerfscopeRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    url,
    headers,
    client: clientBehindLocalProxy(req.socket?.remoteAddress ?? null, headers.get('x-forwarded-for')),
    raw: req,
  }
  return withClientAddress(server.clientAddress, view)
}

function clientBehindLocalProxy(peer: string | null, forwardedFor: string | null): string | null {
  if (peer === null || forwardedFor === null || !isLoopbackAddress(peer)) return peer
  return forwardedFor.split(',').at(-1)!.trim() || peer
}

/**
 * `Server-Timing` must go out with the headers, and the total is known only then: wrap this response's
 * `writeHead` (which `res.end()` also calls) to add the header at the last moment.
 */
function addTimingHeadersBeforeWrite(
  server: PerfscopeServer,
  req: IncomingMessage,
  res: ServerResponse,
  timing: RequestTiming,
): void {
  const writeHead = res.writeHead
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    try {
      if (!this.headersSent) {
        const origin = req.headers.origin
        for (const [name, value] of Object.entries(server.timingHeaders(timing, origin))) {
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
  const view = requestView(server, req)
  server
    .answer(view, (cap) => readIncomingBody(req, cap))
    .then(
      (answer) => {
        const headers = { ...answer.headers, ...server.timingHeaders(null, req.headers.origin) }
        res.writeHead(answer.status, headers)
        res.end(view.method === 'HEAD' ? undefined : answer.body)
        // An unread body (over the cap, or refused before reading) is never read: the connection closes instead.
        if (!req.complete) res.once('finish', () => req.destroy())
      },
      () => {
        res.writeHead(500, { 'content-type': 'text/plain' })
        res.end('perfscope: could not answer')
        if (!req.complete) res.once('finish', () => req.destroy())
      },
    )
}
