import { now } from '../../lib/now.ts'
import { wrapProperty, type Wrapped } from '../../lib/wrapGlobal.ts'
import { fetchScope } from './fetchScope.ts'
import { INTERNAL_HEADERS, type NetworkRecorder } from './recorder.ts'
import { bodySize, rejectionKind, type RequestRecord } from './requestRecord.ts'
import type { FinishedRequest, OutgoingRequest } from '../../kernel/requestHooks.ts'

/** A request decorators added headers to: what the transport is told when it finishes. */
type Decorated = Pick<FinishedRequest, 'request' | 'added'>

/**
 * RequestInit members copied when perfscope must pass its own init (to add piggybacked headers). `for…in` picks
 * up every enumerable one, own or inherited; this list adds those a class could hide behind getters.
 */
const INIT_KEYS = [
  'method',
  'headers',
  'body',
  'referrer',
  'referrerPolicy',
  'mode',
  'credentials',
  'cache',
  'redirect',
  'integrity',
  'keepalive',
  'signal',
  'duplex',
  'priority',
  'window',
] as const

/**
 * Wraps `target.fetch` so every call is measured and changes nothing the app can observe:
 * - the arguments go to the native fetch untouched (same `this`, same objects) unless a request hook adds
 *   headers, and then the app's `init` / `Request` are never mutated or consumed (docs/compatibility.md cases 1–3);
 * - the promise returned is the very one native fetch returned, so it resolves with the very `Response`
 *   (docs/compatibility.md case 5) and rejects with the very same value (docs/compatibility.md case 8);
 * - the body is never read, cloned or tee'd (docs/compatibility.md cases 6, 7): sizes come from `Content-Length`
 *   and resource timing;
 * - perfscope's own failures fall back to the plain native call.
 */
export function interceptFetch(target: typeof globalThis, recorder: NetworkRecorder): Wrapped {
  const guard = recorder.context.guard
  const hooks = recorder.context.requestHooks
  const wrapped = wrapProperty(target, 'fetch', (original, active) => {
    /** The native call, measured: returns the very promise native fetch gives. */
    function send(
      self: unknown,
      args: ArrayLike<unknown>,
      record: RequestRecord | null,
      signal: AbortSignal | null | undefined,
      decorated: Decorated | null,
    ): Promise<Response> {
      let promise: Promise<Response>
      fetchScope.depth++
      try {
        promise = original.apply(self, args as Parameters<typeof fetch>)
      } catch (error) {
        // A synchronous throw (a polyfill's, or "Illegal invocation" for a foreign `this`) still ends the call.
        if (record) failed(record, error, signal)
        throw error
      } finally {
        fetchScope.depth--
      }
      if (record === null || !(promise instanceof Promise)) return promise
      const call = record
      // A listener beside the app's, not a link in its chain: the app holds the very promise native fetch returned,
      // and its reactions run on the same microtask turn as without perfscope. Neither handler can throw, so this
      // branch never reports a rejection of its own; the app's unhandled rejection stays the app's.
      promise.then(
        (response) => {
          const t = now()
          try {
            call.duration = t - call.start
            call.status = response.status
            // Headers are read when the collector folds the record, off the app's call path.
            call.response = response.headers
            recorder.end(call)
            if (decorated) hooks.finished({ ...decorated, status: response.status, ok: response.ok })
          } catch (error) {
            guard.report('fetch', error)
          }
          guard.account('fetch', now() - t)
        },
        (error: unknown) => {
          failed(call, error, signal)
          if (decorated) guard.run('fetch', () => hooks.finished({ ...decorated, status: null, ok: false }))
        },
      )
      return promise
    }

    return function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      // `arguments` keeps the app's exact argument count; native fetch is called with it as given.
      // eslint-disable-next-line prefer-rest-params
      let args: ArrayLike<unknown> = arguments
      if (!active()) return original.apply(this, args as Parameters<typeof fetch>)
      const t0 = now()
      let record: RequestRecord | null = null
      let signal: AbortSignal | null | undefined
      let outgoing: OutgoingRequest | null = null
      let decorated: Decorated | null = null
      try {
        // A string first: most calls pass one, and then the `Request` and `URL` globals are never looked up.
        let request: Request | null = null
        let url: string | null = null
        if (typeof input === 'string') url = input
        else if (input instanceof URL) url = input.href
        else if (typeof Request !== 'undefined' && input instanceof Request) url = (request = input).url
        // An init that is not an object makes the native call reject; there is nothing to measure or decorate.
        if (url !== null && (init === undefined || init === null || typeof init === 'object')) {
          // `fetch(url)`, the usual call, has no method or headers to read: every call costs a polling app.
          const plain = request === null && (init === undefined || init === null)
          const method = plain ? 'GET' : normaliseMethod(init?.method ?? request?.method)
          const internal = !plain && (isInternal(init?.headers) || (request !== null && isInternal(request.headers)))
          const at = recorder.locate(url)
          record = recorder.begin('fetch', method, at, internal, t0)
          record.requestBytes = init && 'body' in init ? bodySize(init.body) : request ? null : 0
          signal = init?.signal ?? request?.signal
          // Described only for a decorator with headers to add or a fault: most requests meet neither.
          if (hooks.decorating || hooks.fault !== null) {
            const mode = init?.mode ?? request?.mode
            const keepalive = init?.keepalive ?? request?.keepalive ?? false
            outgoing = { url: record.url, method, sameOrigin: at.sameOrigin, mode, keepalive, internal }
            // The app's keepalive budget and no-cors requests are never touched (docs/compatibility.md cases 25, 26).
            if (hooks.decorating && mode !== 'no-cors' && !keepalive) {
              const added = hooks.headersFor(outgoing)
              if (added) {
                args = [input, initWithHeaders(request, init, added)]
                decorated = { request: outgoing, added }
              }
            }
          }
        }
      } catch (error) {
        guard.report('fetch', error)
        // eslint-disable-next-line prefer-rest-params -- the app's exact arguments, as native fetch gets them
        args = arguments
        decorated = null
      }
      const t1 = now()
      guard.account('fetch', t1 - t0)
      // A fault (the load simulator's Slow network) takes app requests only; without one this is the only cost.
      const fault = hooks.fault
      if (fault !== null && record !== null && outgoing !== null && !outgoing.internal) {
        const call = record
        const carried = decorated
        return fault.fetch(
          outgoing,
          signal,
          () => send(this, args, call, signal, carried),
          (error) => {
            failed(call, error, signal)
            if (carried) hooks.finished({ ...carried, status: null, ok: false })
            return Promise.reject(error)
          },
        )
      }
      return send(this, args, record, signal, decorated)
    } as typeof fetch
  })
  return wrapped

  function failed(call: RequestRecord, error: unknown, signal: AbortSignal | null | undefined): void {
    const t = now()
    guard.run('fetch', () => {
      call.duration = t - call.start
      call.error = rejectionKind(error, signal)
      recorder.end(call)
    })
  }
}

/** Upper-cases a method as the key wants it, without allocating for the usual `GET` / `POST`. */
function normaliseMethod(method: string | undefined): string {
  if (method === undefined || method === 'GET') return 'GET'
  if (method === 'POST') return method
  return String(method).toUpperCase()
}

/** True when the headers mark a request as perfscope's own or the load simulator's. */
export function isInternal(headers: HeadersInit | Headers | undefined | null): boolean {
  if (!headers) return false
  if (headers instanceof Headers) return headers.has(INTERNAL_HEADERS[0]) || headers.has(INTERNAL_HEADERS[1])
  if (Array.isArray(headers)) {
    for (const pair of headers) if (isInternalName(pair[0])) return true
    return false
  }
  for (const name in headers) if (isInternalName(name)) return true
  return false
}

function isInternalName(name: unknown): boolean {
  if (typeof name !== 'string' || name.length < 16) return false
  const lower = name.toLowerCase()
  return lower === INTERNAL_HEADERS[0] || lower === INTERNAL_HEADERS[1]
}

/**
 * A fresh init carrying the app's options plus perfscope's headers; the app's objects are only read.
 * `init.headers` replaces a Request's headers (docs/compatibility.md case 3), so the base is init's headers when given, else the
 * Request's own.
 */
function initWithHeaders(
  request: Request | null,
  init: RequestInit | undefined,
  added: Record<string, string>,
): RequestInit {
  const copy: Record<string, unknown> = {}
  if (init) {
    for (const key in init) copy[key] = (init as Record<string, unknown>)[key]
    for (const key of INIT_KEYS) {
      if (!(key in copy) && key in init) copy[key] = (init as Record<string, unknown>)[key]
    }
  }
  const headers = new Headers(init?.headers ?? request?.headers)
  for (const name in added) headers.set(name, added[name]!)
  copy.headers = headers
  return copy as RequestInit
}
