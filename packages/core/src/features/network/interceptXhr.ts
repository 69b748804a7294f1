import { now } from '../../lib/now.ts'
import { wrapProperty, type Wrapped } from '../../lib/wrapGlobal.ts'
import { fetchScope } from './fetchScope.ts'
import { INTERNAL_HEADERS, type NetworkRecorder } from './recorder.ts'
import { bodySize, statusKind, type RequestRecord } from './requestRecord.ts'
import type { HeldRequest, OutgoingRequest } from '../../kernel/requestHooks.ts'

/** What perfscope knows of one XMLHttpRequest object between `open()` and `loadend`. */
interface XhrState {
  method: string
  url: string
  internal: boolean
  /** Sent from inside a fetch call: a polyfill's XHR, already counted by the fetch wrapper (docs/compatibility.md case 13). */
  polyfill: boolean
  record: RequestRecord | null
  outgoing: OutgoingRequest | null
  added: Record<string, string> | undefined
  headersAt: number
  failure: 'abort' | 'timeout' | 'network' | null
  listening: boolean
  /** `open(…, async)`: a synchronous request is never held by a fault (that would block the page). */
  async: boolean
  /** Set while a fault (the load simulator's Slow network) holds the request before the native `send`. */
  held: HeldRequest | null
}

const EVENTS = ['readystatechange', 'abort', 'timeout', 'error', 'loadend'] as const

/**
 * Wraps `XMLHttpRequest.prototype.open`, `setRequestHeader` and `send`. Each call goes to the native method with
 * the app's exact arguments (`open(m, u, undefined)` stays synchronous); perfscope code around it never throws
 * (docs/compatibility.md case 14), listens with its own listeners so `onload`-only code, late handlers and `abort()` in a completion
 * handler all give one record (docs/compatibility.md case 15), never reads `responseText` (docs/compatibility.md case 16) and reads headers only
 * through `getAllResponseHeaders()`, which lists exposed headers without console noise (docs/compatibility.md case 17).
 *
 * While a fault is installed, an async app request waits in `send` before the native call; readyState stays
 * OPENED meanwhile, as it does natively until the response headers arrive. `abort()` during the wait sends and
 * aborts at once (the native abort events follow), `open()` drops it, and a failure re-opens the request on a
 * revoked blob URL so the browser itself ends it as a network error (status 0, `error`, `loadend`) without it
 * reaching the server.
 */
export function interceptXhr(target: typeof globalThis, recorder: NetworkRecorder): Wrapped[] {
  const Xhr = target.XMLHttpRequest
  if (typeof Xhr !== 'function') return []
  const proto = Xhr.prototype
  const guard = recorder.context.guard
  const hooks = recorder.context.requestHooks
  const states = new WeakMap<XMLHttpRequest, XhrState>()
  // Piggybacked headers go through the native method, so our own wrapper does not inspect them.
  const nativeSetRequestHeader = proto.setRequestHeader
  const nativeOpen = proto.open

  function finish(xhr: XMLHttpRequest, state: XhrState, t: number, loaded: number | null): void {
    const record = state.record
    if (!record) return
    state.record = null
    record.duration = t - record.start
    const status = xhr.status
    record.status = status
    record.error = state.failure ?? (status === 0 ? 'network' : statusKind(status))
    if (loaded !== null && state.failure === null) record.responseBytes = loaded
    // Parsed when the collector folds the record; read now, as the object may be reused.
    if (xhr.readyState >= 2) record.rawHeaders = xhr.getAllResponseHeaders()
    recorder.end(record)
    if (state.outgoing && state.added)
      hooks.finished({
        request: state.outgoing,
        added: state.added,
        status: status || null,
        ok: status >= 200 && status < 300,
      })
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

  const open = wrapProperty(
    proto,
    'open',
    (original, active) =>
      function open(this: XMLHttpRequest) {
        // eslint-disable-next-line prefer-rest-params
        const result = original.apply(this, arguments as unknown as Parameters<typeof original>)
        if (active()) {
          // eslint-disable-next-line prefer-rest-params
          const [method, url] = arguments as unknown as [unknown, unknown]
          guard.run('xhr', () => {
            let state = states.get(this)
            if (!state) {
              state = {
                method: '',
                url: '',
                internal: false,
                polyfill: false,
                record: null,
                outgoing: null,
                added: undefined,
                headersAt: 0,
                failure: null,
                listening: false,
                async: true,
                held: null,
              }
              states.set(this, state)
            }
            state.method = String(method).toUpperCase()
            state.url = String(url)
            state.internal = false
            // eslint-disable-next-line prefer-rest-params
            state.async = arguments.length < 3 || Boolean(arguments[2])
            // Re-opened while a fault held it: the held send never happens, as a native open() ends a pending one.
            state.held?.drop()
            state.held = null
            // open() during a request ends it silently (no loadend): it no longer counts as in flight.
            if (state.record) recorder.abandon(state.record)
            state.record = null
          })
        }
        return result
      } as typeof original,
  )

  const setRequestHeader = wrapProperty(
    proto,
    'setRequestHeader',
    (original, active) =>
      function setRequestHeader(this: XMLHttpRequest, name: string, _value: string) {
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

  const send = wrapProperty(
    proto,
    'send',
    (original, active) =>
      function send(this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
        // eslint-disable-next-line prefer-rest-params
        const args = arguments as unknown as Parameters<typeof original>
        const state = active() ? states.get(this) : undefined
        // A second send while a fault holds the first: natively the send() flag is set, and this is what it throws.
        if (state?.held)
          throw new DOMException(
            "Failed to execute 'send' on 'XMLHttpRequest': The object's state must be OPENED.",
            'InvalidStateError',
          )
        if (!state || state.record !== null || this.readyState !== 1) return original.apply(this, args)
        const t0 = now()
        // guard.run times and counts this work itself.
        guard.run('xhr', () => {
          state.failure = null
          state.headersAt = 0
          state.added = undefined
          state.outgoing = null
          state.polyfill = fetchScope.depth > 0
          if (state.polyfill) return
          const at = recorder.locate(state.url)
          const record = recorder.begin('xhr', state.method, at, state.internal, t0)
          record.requestBytes = bodySize(body)
          state.record = record
          state.outgoing = {
            url: record.url,
            method: state.method,
            sameOrigin: at.sameOrigin,
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
        const fault = hooks.fault
        if (fault !== null && state.record !== null && state.async && !state.internal) {
          let proceeded = false
          const held = fault.hold(state.outgoing!, (fail) => {
            proceeded = true
            state.held = null
            try {
              if (fail) nativeOpen.call(this, state.method, unreachableUrl(), true)
              original.apply(this, args)
            } catch (error) {
              guard.report('xhr', error)
            }
          })
          // A fault already released proceeds inside hold(): the request is sent, not held.
          state.held = proceeded ? null : held
          return
        }
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
              recorder.abandon(state.record)
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

  const abort = wrapProperty(
    proto,
    'abort',
    (original, active) =>
      function abort(this: XMLHttpRequest) {
        const held = active() ? states.get(this)?.held : null
        // Aborted while a fault holds it: send now, so the native abort below ends it with the native events.
        if (held) guard.run('xhr', () => held.now())
        // eslint-disable-next-line prefer-rest-params
        return original.apply(this, arguments as unknown as Parameters<typeof original>)
      } as typeof original,
  )

  return [open, setRequestHeader, send, abort]
}

/** A blob URL revoked at once: loading it fails inside the browser as a network error, with nothing sent. */
function unreachableUrl(): string {
  const url = URL.createObjectURL(new Blob())
  URL.revokeObjectURL(url)
  return url
}
