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

/** What an interceptor reports when an app request finishes (successfully or not). */
export interface FinishedRequest {
  request: OutgoingRequest
  /** Headers added by decorators, to know which piggybacked data went out with it. */
  added: Record<string, string> | undefined
  status: number | null
  ok: boolean
}

export type FinishedListener = (finished: FinishedRequest) => void

/** A small registry both sides share through the monitor context. */
export class RequestHooks {
  private readonly decorators = new Set<RequestDecorator>()
  private readonly finishedListeners = new Set<FinishedListener>()

  /** Registers a decorator; returns the function that removes it. */
  decorate(decorator: RequestDecorator): () => void {
    this.decorators.add(decorator)
    return () => this.decorators.delete(decorator)
  }

  /** Registers a listener for finished requests; returns the function that removes it. */
  onFinished(listener: FinishedListener): () => void {
    this.finishedListeners.add(listener)
    return () => this.finishedListeners.delete(listener)
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

  finished(finished: FinishedRequest): void {
    for (const listener of this.finishedListeners) listener(finished)
  }
}
