import { metricsHandler, wrapFetchHandler, type PerfscopeFetchHandler, type WrapOptions } from './fetchHandler.ts'
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
   * batches and answers the metrics endpoint when the request is for it. `options.route` names the route the
   * handler serves (e.g. `{ route: '/api/users/[id]' }` in a Next.js route file).
   */
  wrap<A extends unknown[]>(
    handler: (request: Request, ...rest: A) => Response | Promise<Response>,
    options?: WrapOptions,
  ): PerfscopeFetchHandler<A>
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
function newPerfscope(options: PerfscopeServerOptions, runtime: ServerRuntime): Perfscope {
  const server = new PerfscopeServer(options, runtime)
  const answer = metricsHandler(server)
  return {
    server,
    wrap: (handler, wrapOptions) => wrapFetchHandler(server, handler, wrapOptions),
    middleware: () => createMiddleware(server),
    metricsRoute: { GET: answer, HEAD: answer, POST: answer },
  }
}

/**
 * Instances live in a registry on `globalThis`, by name, not in this module: bundlers may evaluate this package
 * and the app's own `lib/perfscope.ts` more than once per process (Next.js does, per route and on reloads), and
 * every evaluation must find the same state.
 */
const REGISTRY = Symbol.for('@perfscope/server.instances')
interface Registered {
  perfscope: Perfscope
  options: PerfscopeServerOptions
}

/** The name of the instance `withPerfscope()`, `perfscopeMiddleware()` and an unnamed `createPerfscope()` share. */
export const DEFAULT_INSTANCE = 'default'

/**
 * The process's instance named `options.name` (default {@link DEFAULT_INSTANCE}): created by the first call
 * from its options; later calls join it. A later call with other options is refused, with what to do instead,
 * because silently ignoring them (an `authorize`, a store) would be worse. Functions compare by their source, so
 * a module evaluated twice joins; without options a call joins whatever the instance was created with.
 */
export function registeredPerfscope(options: PerfscopeServerOptions | undefined, runtime: ServerRuntime): Perfscope {
  const g = globalThis as { [REGISTRY]?: Map<string, Registered> }
  const registry = (g[REGISTRY] ??= new Map())
  const name = options?.name ?? DEFAULT_INSTANCE
  const found = registry.get(name)
  if (!found) {
    const perfscope = newPerfscope(options ?? {}, runtime)
    registry.set(name, { perfscope, options: options ?? {} })
    return perfscope
  }
  if (options !== undefined) {
    const differs = differingOption(found.options, options)
    if (differs !== null) {
      throw new Error(
        `perfscope: the instance "${name}" was set up with other options (${differs} differs); a process has one ` +
          `state per name. Set it up once, in a module of its own (export const perfscope = createPerfscope(options)) ` +
          `and use perfscope.wrap() / perfscope.middleware() everywhere, or give a separate instance its own name.`,
      )
    }
  }
  return found.perfscope
}

/** The first option (top-level name) whose value differs, or null. */
function differingOption(a: PerfscopeServerOptions, b: PerfscopeServerOptions): string | null {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof PerfscopeServerOptions>
  for (const key of keys) if (!sameValue(a[key], b[key])) return key
  return null
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a === 'function' && typeof b === 'function') return String(a) === String(b)
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
