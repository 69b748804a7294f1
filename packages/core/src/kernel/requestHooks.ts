import type { Guard } from './guard.ts'

/**
 * The meeting point of the network interceptors and the transport: interceptors ask, for each outgoing app
 * request, whether anyone wants headers added (the piggybacked batch), and say when a response arrives.
 * Decorators run synchronously inside the app's `fetch` / `XMLHttpRequest.send`, so they must be cheap.
 */

/** What a decorator knows of an outgoing request. */
export interface OutgoingRequest {
  /** Absolute URL (not redacted: decorators run in the page and never store it). */
  url: string
  method: string
  /** True when the request goes to the page's own origin. */
  sameOrigin: boolean
  /** `no-cors` requests drop custom headers, `keepalive` ones share a 64 KiB budget with the app. */
  mode: RequestMode | undefined
  keepalive: boolean
  /** Set when the request was made by perfscope itself or by the load simulator; never decorated. */
  internal: boolean
}

/** Returns headers to add to the request, or undefined to leave it alone. */
export type RequestDecorator = (request: OutgoingRequest) => Record<string, string> | undefined

/** What an interceptor reports when an app request that decorators added headers to finishes (successfully or not). */
export interface FinishedRequest {
  request: OutgoingRequest
  /** Headers added by decorators, to know which piggybacked data went out with it. */
  added: Record<string, string>
  status: number | null
  ok: boolean
}

export type FinishedListener = (finished: FinishedRequest) => void

/** One app request a fault holds back: send it now (an abort of the app's arrived), or drop it (re-opened). */
export interface HeldRequest {
  now(): void
  drop(): void
}

/**
 * A network fault (the load simulator's `Slow network`): takes over the app's own fetch and XHR calls while
 * installed. Never given perfscope's or the load simulator's requests.
 */
export interface RequestFault {
  /**
   * Holds one app request for its delay, then calls `proceed(fail)`: send it, or (`fail`) let it fail as a network
   * error without reaching the server. The XHR interceptor's entry; `fetch()` is built on it.
   */
  hold(request: OutgoingRequest, proceed: (fail: boolean) => void): HeldRequest
  /**
   * Takes one app fetch: calls `send()` (the real native call) when its delay is over, or `fail()` instead of
   * sending, and returns what the app's `fetch` returns. `signal` is the app's: an abort during the delay sends
   * at once, so native fetch answers the abort exactly as it would have.
   */
  fetch(
    request: OutgoingRequest,
    signal: AbortSignal | null | undefined,
    send: () => Promise<Response>,
    fail: (error: unknown) => Promise<never>,
  ): Promise<Response>
}

/** A small registry both sides share through the monitor context. */
export class RequestHooks {
  private readonly decorators = new Set<RequestDecorator>()
  private readonly finishedListeners = new Map<FinishedListener, string>()
  /**
   * The installed fault, null almost always: the interceptors' hot path reads this one field and nothing more
   * when no fault is active.
   */
  fault: RequestFault | null = null
  /**
   * True while a decorator is registered: always `decorators.size > 0`, kept as a field that only `decorate` and its
   * remover write, because the fetch wrapper reads it on every app call. Without a decorator (and without a fault)
   * the interceptors do not describe the request at all, so a decorator that has nothing to add for a while (the
   * transport between batches) is best removed and registered again.
   */
  decorating = false

  /** `guard` counts a finished-request listener's exception under the source that registered the listener. */
  constructor(private readonly guard: Pick<Guard, 'report'>) {}

  /**
   * Registers a decorator; returns the function that removes it. Decorators run on the app's call path, inside
   * the interceptor's timed span (so they are not timed again), and catch their own errors.
   */
  decorate(decorator: RequestDecorator): () => void {
    this.decorators.add(decorator)
    this.decorating = true
    return () => {
      this.decorators.delete(decorator)
      this.decorating = this.decorators.size > 0
    }
  }

  /**
   * Registers a listener for finished requests that carried decorators' headers (the others concern no
   * decorator, and reporting them cost every app request a call); returns the function that removes it. Like
   * decorators, listeners run inside the interceptor's timed span. An exception is reported under `source`, and
   * the other listeners still run: the interceptors call this from the app's promise reactions, where a throw
   * would be an unhandled rejection of perfscope's on the app's page.
   */
  onFinished(source: string, listener: FinishedListener): () => void {
    this.finishedListeners.set(listener, source)
    return () => this.finishedListeners.delete(listener)
  }

  /**
   * Installs a fault on the app's requests; returns the function that removes it (safe to call twice). One at a
   * time: a second one is refused, so two runs cannot stack delays on each other.
   */
  injectFault(fault: RequestFault): () => void {
    if (this.fault !== null) throw new Error('perfscope: a network fault is already active (one at a time)')
    this.fault = fault
    let installed = true
    return () => {
      // One-shot: a stale remover must not take out a later injection of the same fault.
      if (installed && this.fault === fault) this.fault = null
      installed = false
    }
  }

  /** The headers every decorator wants on this request, merged; undefined when none (the common case). */
  headersFor(request: OutgoingRequest): Record<string, string> | undefined {
    if (request.internal || this.decorators.size === 0) return undefined
    let headers: Record<string, string> | undefined
    for (const decorate of this.decorators) {
      const added = decorate(request)
      if (added) headers = headers ? Object.assign(headers, added) : { ...added }
    }
    return headers
  }

  /** Tells every listener; never throws. */
  finished(finished: FinishedRequest): void {
    for (const [listener, source] of this.finishedListeners) {
      try {
        listener(finished)
      } catch (error) {
        this.guard.report(source, error)
      }
    }
  }
}
