import { now } from '../lib/now.ts'
import { wrapProperty, type Wrapped } from '../lib/wrapGlobal.ts'
import { fetchScope } from './fetchScope.ts'
import { INTERNAL_HEADERS, type NetworkCollector } from './networkCollector.ts'
import { bodySize, statusKind, type RequestRecord } from './requestRecord.ts'
import type { OutgoingRequest } from './requestHooks.ts'

/** What perfscope knows of one XMLHttpRequest object between `open()` and `loadend`. */
interface XhrState {
  method: string
  url: string
  internal: boolean
  /** Sent from inside a fetch call: a polyfill's XHR, already counted by the fetch wrapper (pitfall 13). */
  polyfill: boolean
  record: RequestRecord | null
  outgoing: OutgoingRequest | null
  added: Record<string, string> | undefined
  headersAt: number
  failure: 'abort' | 'timeout' | 'network' | null
  listening: boolean
}

const EVENTS = ['readystatechange', 'abort', 'timeout', 'error', 'loadend'] as const

/**
 * Wraps `XMLHttpRequest.prototype.open`, `setRequestHeader` and `send`. Each call goes to the native method with
 * the app's exact arguments (`open(m, u, undefined)` stays synchronous); perfscope code around it never throws
 * (pitfall 14), listens with its own listeners so `onload`-only code, late handlers and `abort()` in a completion
 * handler all give one record (pitfall 15), never reads `responseText` (pitfall 16) and reads headers only
 * through `getAllResponseHeaders()`, which lists exposed headers without console noise (pitfall 17).
 */
export function interceptXhr(target: typeof globalThis, collector: NetworkCollector): Wrapped[] {
  const Xhr = target.XMLHttpRequest
  if (typeof Xhr !== 'function') return []
  const proto = Xhr.prototype
  const guard = collector.context.guard
  const hooks = collector.context.requestHooks
  const capture = collector.options.captureHeaders
  const states = new WeakMap<XMLHttpRequest, XhrState>()
  // Piggybacked headers go through the native method, so our own wrapper does not inspect them.
  const nativeSetRequestHeader = proto.setRequestHeader

  function finish(xhr: XMLHttpRequest, state: XhrState, t: number, loaded: number | null): void {
    const record = state.record
    if (!record) return
    state.record = null
    record.duration = t - record.start
    const status = xhr.status
    record.status = status
    record.error = state.failure ?? (status === 0 ? 'network' : statusKind(status))
    if (loaded !== null && state.failure === null) record.responseBytes = loaded
    if (xhr.readyState >= 2) readHeaders(xhr, record, capture)
    collector.end(record)
    if (state.outgoing) hooks.finished({ request: state.outgoing, added: state.added, status: status || null, ok: status >= 200 && status < 300 })
  }

  /** One listener object for every XHR (no closure per request). */
  const listener = {
    handleEvent(event: Event) {
      const t = now()
      const xhr = event.currentTarget as XMLHttpRequest
      guard.run('xhr', () => {
        const state = states.get(xhr)
        if (!state?.record) return
        switch (event.type) {
          case 'readystatechange':
            if (xhr.readyState === 2) state.headersAt = t
            break
          case 'abort':
          case 'timeout':
          case 'error':
            state.failure = event.type === 'error' ? 'network' : event.type
            break
          case 'loadend':
            finish(xhr, state, state.headersAt > 0 ? state.headersAt : t, (event as ProgressEvent).loaded)
        }
      })
    },
  }

  const open = wrapProperty(proto, 'open', (original, active) =>
    function open(this: XMLHttpRequest) {
      // eslint-disable-next-line prefer-rest-params
      const result = original.apply(this, arguments as unknown as Parameters<typeof original>)
      if (active()) {
        // eslint-disable-next-line prefer-rest-params
        const [method, url] = arguments as unknown as [unknown, unknown]
        guard.run('xhr', () => {
          let state = states.get(this)
          if (!state) {
            state = { method: '', url: '', internal: false, polyfill: false, record: null, outgoing: null, added: undefined, headersAt: 0, failure: null, listening: false }
            states.set(this, state)
          }
          state.method = String(method).toUpperCase()
          state.url = String(url)
          state.internal = false
          // open() during a request ends it silently (no loadend): it no longer counts as in flight.
          if (state.record) collector.abandon(state.record)
          state.record = null
        })
      }
      return result
    } as typeof original,
  )

  const setRequestHeader = wrapProperty(proto, 'setRequestHeader', (original, active) =>
    function setRequestHeader(this: XMLHttpRequest, name: string, value: string) {
      // eslint-disable-next-line prefer-rest-params
      const result = original.apply(this, arguments as unknown as Parameters<typeof original>)
      if (active() && typeof name === 'string' && name.length >= 16) {
        const lower = name.toLowerCase()
        if (lower === INTERNAL_HEADERS[0] || lower === INTERNAL_HEADERS[1]) {
          const state = states.get(this)
          if (state) state.internal = true
        }
      }
      return result
    } as typeof original,
  )

  const send = wrapProperty(proto, 'send', (original, active) =>
    function send(this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
      // eslint-disable-next-line prefer-rest-params
      const args = arguments as unknown as Parameters<typeof original>
      const state = active() ? states.get(this) : undefined
      if (!state || state.record !== null || this.readyState !== 1) return original.apply(this, args)
      const t0 = now()
      guard.run('xhr', () => {
        state.failure = null
        state.headersAt = 0
        state.added = undefined
        state.outgoing = null
        state.polyfill = fetchScope.depth > 0
        if (state.polyfill) return
        const target = collector.target(state.url)
        const record = collector.begin('xhr', state.method, target, state.internal, t0)
        record.requestBytes = bodySize(body)
        state.record = record
        state.outgoing = {
          url: record.url,
          method: state.method,
          sameOrigin: target.sameOrigin,
          mode: undefined,
          keepalive: false,
          internal: state.internal,
        }
        state.added = hooks.headersFor(state.outgoing)
        if (state.added) for (const name in state.added) nativeSetRequestHeader.call(this, name, state.added[name]!)
        if (!state.listening) {
          state.listening = true
          for (const type of EVENTS) this.addEventListener(type, listener)
        }
      })
      guard.account('xhr', now() - t0)
      try {
        return original.apply(this, args)
      } catch (error) {
        // A synchronous request that failed has ended; a send refused for bad state never started.
        const t = now()
        guard.run('xhr', () => {
          if (!state.record) return
          if ((this.readyState as number) === 4) {
            state.failure ??= 'network'
            finish(this, state, t, null)
          } else {
            collector.abandon(state.record)
            state.record = null
          }
        })
        throw error
      } finally {
        // Synchronous requests may not fire loadend to listeners added by us in every engine; end them here.
        if (state.record && (this.readyState as number) === 4) {
          const t = now()
          guard.run('xhr', () => finish(this, state, state.headersAt > 0 ? state.headersAt : t, null))
        }
      }
    } as typeof original,
  )

  return [open, setRequestHeader, send]
}

/** Reads Content-Length, Server-Timing and allow-listed headers from the exposed response headers. */
function readHeaders(xhr: XMLHttpRequest, record: RequestRecord, capture: readonly string[]): void {
  const all = xhr.getAllResponseHeaders()
  if (!all) return
  for (const line of all.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).toLowerCase()
    const value = line.slice(colon + 1).trim()
    if (name === 'content-length' && record.responseBytes === null) record.responseBytes = Number(value)
    else if (name === 'server-timing') record.serverTiming = record.serverTiming ? `${record.serverTiming}, ${value}` : value
    if (capture.includes(name)) (record.headers ??= {})[name] = value
  }
}
