import { BATCH_HEADER_NAME, LOAD_HEADER, MAX_BEACON_BYTES, PerfscopeServer, type PerfscopeServerOptions } from './perfscopeServer.ts'
import { routeKey } from './routeKey.ts'
import { RequestTiming, runWithTiming } from './serverTiming.ts'

/** A Fetch-API handler wrapped by {@link withPerfscope}; carries the shared state. */
export type PerfscopeFetchHandler<A extends unknown[]> = ((request: Request, ...rest: A) => Promise<Response>) & {
  readonly perfscope: PerfscopeServer
}

/**
 * Wraps a Fetch-API handler (`Request` → `Response`: Hono, Next.js route handlers, Bun, Deno, Vite plugins):
 * answers the metrics endpoint, times the handler, adds `Server-Timing`, and queues piggybacked batches.
 * The handler's exceptions and rejections pass through unchanged.
 */
export function withPerfscope<A extends unknown[]>(
  handler: (request: Request, ...rest: A) => Response | Promise<Response>,
  options: PerfscopeServerOptions = {},
): PerfscopeFetchHandler<A> {
  const server = new PerfscopeServer(options)
  const wrapped = (async (request: Request, ...rest: A): Promise<Response> => {
    const url = new URL(request.url)
    if (server.owns(url.pathname)) return answerEndpoint(server, request, url)
    const timing = new RequestTiming()
    const method = request.method.toUpperCase()
    const load = request.headers.has(LOAD_HEADER)
    const batch = request.headers.get(BATCH_HEADER_NAME)
    let response: Response
    try {
      response = await runWithTiming(timing, () => handler(request, ...rest))
    } catch (error) {
      server.observe(routeKey(method, url.pathname), method, 500, timing, load)
      throw error
    }
    try {
      response = withHeaders(response, server.timingHeaders(timing))
      server.observe(routeKey(method, url.pathname), method, response.status, timing, load)
      if (batch !== null) server.ingest.enqueue(batch)
    } catch {
      // Recording must never change the app's response.
    }
    return response
  }) as PerfscopeFetchHandler<A>
  Object.defineProperty(wrapped, 'perfscope', { value: server })
  return wrapped
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
  let body: string | null = null
  if (request.method.toUpperCase() === 'POST') {
    const text = await request.text()
    body = new TextEncoder().encode(text).length > MAX_BEACON_BYTES ? null : text
  }
  const answer = await server.answer(request.method.toUpperCase(), url, body)
  return new Response(answer.status === 204 || request.method === 'HEAD' ? null : answer.body, {
    status: answer.status,
    headers: answer.headers,
  })
}
