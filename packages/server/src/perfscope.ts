import { metricsHandler, wrapFetchHandler, type PerfscopeFetchHandler } from './fetchHandler.ts'
import { createMiddleware, type PerfscopeMiddleware } from './middleware.ts'
import { PerfscopeServer, type PerfscopeServerOptions, type ServerRuntime } from './perfscopeServer.ts'

/**
 * One perfscope state (store, ingest counters, Prometheus registry, write limits) and the adapters over it.
 * Make one per process in a module of its own and use its adapters in every route file.
 */
export interface Perfscope {
  /** The state every adapter of this instance shares (e.g. to read summaries or counters in a test). */
  readonly server: PerfscopeServer
  /**
   * Wraps a Fetch-API handler (`Request` → `Response`): times it, adds `Server-Timing`, takes piggybacked
   * batches and answers the metrics endpoint when the request is for it.
   */
  wrap<A extends unknown[]>(handler: (request: Request, ...rest: A) => Response | Promise<Response>): PerfscopeFetchHandler<A>
  /** A Connect-style middleware (`node:http`, Connect, Express) over the same state. */
  middleware(): PerfscopeMiddleware
  /**
   * Handlers for a route file that is the metrics endpoint, e.g. Next.js
   * `export const { GET, HEAD, POST } = perfscope.metricsRoute` in `app/api/performance-metrics/route.ts`.
   */
  readonly metricsRoute: {
    GET: (request: Request) => Promise<Response>
    HEAD: (request: Request) => Promise<Response>
    POST: (request: Request) => Promise<Response>
  }
}

/** Creates an instance with a state of its own. */
export function newPerfscope(options: PerfscopeServerOptions, runtime: ServerRuntime): Perfscope {
  const server = new PerfscopeServer(options, runtime)
  const answer = metricsHandler(server)
  return {
    server,
    wrap: (handler) => wrapFetchHandler(server, handler),
    middleware: () => createMiddleware(server),
    metricsRoute: { GET: answer, HEAD: answer, POST: answer },
  }
}

/**
 * The process's one shared instance lives on `globalThis`, not in this module: bundlers (Next.js builds each
 * route on its own, and reloads modules in development) may evaluate this package more than once per process.
 */
const SHARED = Symbol.for('@perfscope/server.shared')
interface SharedSlot {
  perfscope: Perfscope
  options: PerfscopeServerOptions
}

/**
 * The instance behind `withPerfscope()` and `perfscopeMiddleware()`: created by the first call of the
 * process from its options; later calls join it. A later call with different options is refused, with what to
 * do instead, because silently ignoring them (an `authorize`, a store) would be worse.
 */
export function sharedPerfscope(options: PerfscopeServerOptions | undefined, runtime: ServerRuntime): Perfscope {
  const g = globalThis as { [SHARED]?: SharedSlot }
  const slot = g[SHARED]
  if (!slot) {
    const perfscope = newPerfscope(options ?? {}, runtime)
    g[SHARED] = { perfscope, options: options ?? {} }
    return perfscope
  }
  if (options !== undefined) {
    const differs = differingOption(slot.options, options)
    if (differs !== null) {
      throw new Error(
        `perfscope: withPerfscope() and perfscopeMiddleware() share one state per process, set up by the first call; ` +
          `this call passes a different "${differs}". Create one instance with createPerfscope(options) in a module ` +
          `of its own and use perfscope.wrap(handler) / perfscope.middleware() wherever you need it.`,
      )
    }
  }
  return slot.perfscope
}

/** The first option (top-level name) whose value differs, or null. Functions and stores compare by identity. */
function differingOption(a: PerfscopeServerOptions, b: PerfscopeServerOptions): string | null {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof PerfscopeServerOptions>
  for (const key of keys) if (!sameValue(a[key], b[key])) return key
  return null
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]))
  if (isPlain(a) && isPlain(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    for (const key of keys) if (!sameValue(a[key], b[key])) return false
    return true
  }
  return false
}

function isPlain(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
}
