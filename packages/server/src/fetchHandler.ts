import { BATCH_HEADER_NAME, LOAD_HEADER, type PerfscopeServer } from './perfscopeServer.ts'
import { readFetchBody } from './readCappedBody.ts'
import { withClientAddress, type PerfscopeRequest } from './requestView.ts'
import { routeKey } from './routeKey.ts'
import { RequestTiming, runWithTiming } from './serverTiming.ts'

/** Options of one wrapped handler. */
export interface WrapOptions {
  /**
   * The route this handler serves, as the framework names it: a Next.js route file's path
   * (`'/api/users/[id]'`), a Hono or Fastify route (`'/users/:id'`). A function gets the request and the
   * response and may return null. Without it (or when it gives null) the path goes through the same
   * id and secret normaliser the browser side uses.
   */
  route?: string | ((request: Request, response: Response | null) => string | null | undefined)
}

/** A Fetch-API handler wrapped by perfscope; carries the shared state. */
export type PerfscopeFetchHandler<A extends unknown[]> = ((request: Request, ...rest: A) => Promise<Response>) & {
  readonly perfscope: PerfscopeServer
}

/**
 * Wraps a Fetch-API handler (`Request` → `Response`: Hono, Next.js route handlers, Bun, Deno, Workers) over
 * `server`: answers the metrics endpoint, times the handler, adds `Server-Timing`, and queues piggybacked
 * batches from allowed origins within the rate limits. The handler's exceptions and rejections pass through
 * unchanged; the batch of a request whose handler threw is still taken (the page counts it as delivered).
 */
export function wrapFetchHandler<A extends unknown[]>(
  server: PerfscopeServer,
  handler: (request: Request, ...rest: A) => Response | Promise<Response>,
  options: WrapOptions = {},
): PerfscopeFetchHandler<A> {
  const { route } = options
  if (route !== undefined && typeof route !== 'string' && typeof route !== 'function') {
    throw new TypeError(`perfscope: wrap(handler, { route }) takes a string or a function; got ${typeof route}`)
  }
  const keyOf = (request: Request, method: string, url: URL, response: Response | null) => {
    let template: string | null | undefined = null
    try {
      template = typeof route === 'function' ? route(request, response) : route
    } catch {
      // A route function that throws leaves the normalised path.
    }
    return routeKey(method, url.pathname, template)
  }
  const wrapped = (async (request: Request, ...rest: A): Promise<Response> => {
    const url = new URL(request.url)
    if (server.owns(url.pathname)) return answerEndpoint(server, request, url)
    const timing = new RequestTiming()
    const method = request.method.toUpperCase()
    const load = request.headers.has(LOAD_HEADER)
    const batch = request.headers.get(BATCH_HEADER_NAME)
    const takeBatch = () => {
      if (batch !== null && server.refuseWrite(requestView(server, request, url)) === null) server.ingest.enqueue(batch)
    }
    let response: Response
    try {
      response = await runWithTiming(timing, () => handler(request, ...rest))
    } catch (error) {
      try {
        server.observe(keyOf(request, method, url, null), method, 500, timing, load)
        takeBatch()
      } catch {
        // The app's own error is what the framework must see.
      }
      throw error
    }
    try {
      response = withHeaders(response, server.timingHeaders(timing, request.headers.get('origin')))
      server.observe(keyOf(request, method, url, response), method, response.status, timing, load)
      takeBatch()
    } catch {
      // Recording must never change the app's response.
    }
    return response
  }) as PerfscopeFetchHandler<A>
  Object.defineProperty(wrapped, 'perfscope', { value: server })
  return wrapped
}

/**
 * A Fetch handler that answers the metrics endpoint at whatever path it is mounted (a Next.js route file
 * `app/api/performance-metrics/route.ts`, a Hono route).
 */
export function metricsHandler(server: PerfscopeServer): (request: Request) => Promise<Response> {
  return (request) => answerEndpoint(server, request, new URL(request.url))
}

function requestView(server: PerfscopeServer, request: Request, url: URL): PerfscopeRequest {
  const view: PerfscopeRequest = {
    method: request.method.toUpperCase(),
    url,
    headers: request.headers,
    client: null,
    raw: request,
  }
  return withClientAddress(server.clientAddress, view)
}

/** Adds headers in place when the response allows it, else on a copy that shares the same body stream. */
function withHeaders(response: Response, headers: Record<string, string>): Response {
  try {
    for (const [name, value] of Object.entries(headers)) response.headers.append(name, value)
    return response
  } catch {
    // Immutable headers (a Response from fetch(), Response.redirect()): copy status, text and headers.
    const copy = new Response(response.body, response)
    for (const [name, value] of Object.entries(headers)) copy.headers.append(name, value)
    return copy
  }
}

async function answerEndpoint(server: PerfscopeServer, request: Request, url: URL): Promise<Response> {
  const view = requestView(server, request, url)
  let answer
  try {
    answer = await server.answer(view, (cap) => readFetchBody(request, cap))
  } catch {
    // perfscope's own failure (a body stream that errors, an exposition that fails) is its own 500, never a throw.
    answer = {
      status: 500,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'perfscope: could not answer',
    }
  }
  const headers = { ...answer.headers, ...server.timingHeaders(null, request.headers.get('origin')) }
  return new Response(answer.status === 204 || view.method === 'HEAD' ? null : answer.body, {
    status: answer.status,
    headers,
  })
}
