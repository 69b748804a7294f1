import type { PerfscopeFetchHandler } from './fetchHandler.ts'
import type { PerfscopeMiddleware } from './middleware.ts'
import { newPerfscope, sharedPerfscope, type Perfscope } from './perfscope.ts'
import type { PerfscopeServerOptions, ServerRuntime } from './perfscopeServer.ts'

/** The three ways in; each entry of the package (Node, Fetch-only) binds them to what its runtime has. */
export interface PerfscopeApi {
  /**
   * Creates an instance with a state of its own (store, ingest counters, Prometheus registry, write limits):
   * `export const perfscope = createPerfscope(options)` in one module, then `perfscope.wrap(handler)`,
   * `perfscope.middleware()` or `perfscope.metricsRoute` wherever needed.
   */
  createPerfscope(options?: PerfscopeServerOptions): Perfscope
  /**
   * Wraps a Fetch-API handler (`Request` → `Response`: Hono, Next.js route handlers, Bun, Deno, Workers) with the
   * process's shared instance: every `withPerfscope()` and `perfscopeMiddleware()` of a process share one state.
   * Options apply to that shared instance; a call with options different from the first call's throws.
   */
  withPerfscope<A extends unknown[]>(
    handler: (request: Request, ...rest: A) => Response | Promise<Response>,
    options?: PerfscopeServerOptions,
  ): PerfscopeFetchHandler<A>
  /**
   * A Connect-style middleware (`node:http`, Connect, Express) with the process's shared instance (see
   * `withPerfscope`): times every request, adds `Server-Timing`, takes piggybacked batches, answers the
   * metrics endpoint.
   *
   * ```ts
   * app.use(perfscopeMiddleware())                                     // Express / Connect
   * http.createServer((req, res) => mw(req, res, () => handler(req, res)))  // node:http
   * ```
   */
  perfscopeMiddleware(options?: PerfscopeServerOptions): PerfscopeMiddleware
}

/** Binds the public functions to a runtime. */
export function bindRuntime(runtime: ServerRuntime): PerfscopeApi {
  return {
    createPerfscope: (options = {}) => newPerfscope(options, runtime),
    withPerfscope: (handler, options) => sharedPerfscope(options, runtime).wrap(handler),
    perfscopeMiddleware: (options) => sharedPerfscope(options, runtime).middleware(),
  }
}
