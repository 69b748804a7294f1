/** Why a request did not end with a 2xx / 3xx response. Aborts and timeouts are not errors (docs/compatibility.md case 9). */
export type RequestErrorKind = 'network' | 'abort' | 'timeout' | 'http4xx' | 'http5xx'

/**
 * One intercepted fetch / XHR call, alive from its start to the moment its timing detail is matched.
 * Interceptors fill it on the app's call path and queue it in the recorder; the collector folds it into the
 * endpoint figures later and drops it. The URL is unredacted and never stored beyond this record.
 */
export interface RequestRecord {
  api: 'fetch' | 'xhr'
  method: string
  /** Absolute URL as the page asked for it, or the raw string when it does not parse. */
  url: string
  /** Where the URL points (cached per URL string by the recorder). */
  at: RequestUrl
  /** `performance.now()` at the call. */
  start: number
  /** ms from the call to the response headers (or the failure). */
  duration: number
  /** Where the call is: set by the interceptor. */
  phase: 'started' | 'ended' | 'abandoned'
  status: number | null
  error: RequestErrorKind | null
  requestBytes: number | null
  responseBytes: number | null
  /** The raw `Server-Timing` header when the response exposed it. */
  serverTiming: string | null
  /** Values of allow-listed response headers. */
  headers: Record<string, string> | null
  /** A fetch response's headers, read when the record is folded rather than on the app's call path. */
  response: Headers | null
  /** An XHR's `getAllResponseHeaders()`, parsed when the record is folded. */
  rawHeaders: string | null
  internal: boolean
  /** Counted in the figures: not internal, or internal while `includeInternal` was on at its start. */
  counted: boolean
  /** How much of the record the collector has folded. */
  folded: 'no' | 'started' | 'done'
  /** Set by the collector: what the URL means as an endpoint. */
  target: RequestTarget | null
  /** Set by the collector: the endpoint this record counts in. */
  endpoint: unknown
}

/** A record of a call that starts at `start`, with nothing known yet of how it ends (one shape for every record). */
export function newRequestRecord(
  api: RequestRecord['api'],
  method: string,
  at: RequestUrl,
  start: number,
  internal: boolean,
  counted: boolean,
): RequestRecord {
  return {
    api,
    method,
    url: at.href,
    at,
    start,
    duration: 0,
    phase: 'started',
    status: null,
    error: null,
    requestBytes: null,
    responseBytes: null,
    serverTiming: null,
    headers: null,
    response: null,
    rawHeaders: null,
    internal,
    counted,
    folded: 'no',
    target: null,
    endpoint: null,
  }
}

/** Where a request URL points, computed once per distinct URL string on the app's call path. */
export interface RequestUrl {
  /** Absolute URL, or the raw string when it does not parse. */
  href: string
  sameOrigin: boolean
  /** True for http(s) URLs, the ones that get a resource-timing entry. */
  http: boolean
}

/** What a request URL means to the collector, computed once per distinct URL. */
export interface RequestTarget extends RequestUrl {
  /** The route part of the endpoint key (`/api/users/:id`, or with its origin for other origins). */
  route: string
  /** The URL as perfscope may keep it; computed when first shown, not per request. */
  redacted: string | null
}

/** Classifies a rejection: the signal's reason tells an abort from a timeout; anything else is a network error. */
export function rejectionKind(error: unknown, signal: AbortSignal | null | undefined): RequestErrorKind {
  if (signal?.aborted) return isNamed(signal.reason, 'TimeoutError') ? 'timeout' : 'abort'
  if (isNamed(error, 'TimeoutError')) return 'timeout'
  if (isNamed(error, 'AbortError')) return 'abort'
  return 'network'
}

/** The error kind of a response status; null for success (and for the opaque 0 of a `no-cors` response). */
export function statusKind(status: number): RequestErrorKind | null {
  return status >= 500 ? 'http5xx' : status >= 400 ? 'http4xx' : null
}

function isNamed(value: unknown, name: string): boolean {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === name
}

/** Size of a request body when it is known without reading it; null for streams, forms and unknown types. */
export function bodySize(body: unknown): number | null {
  if (body === undefined || body === null) return 0
  if (typeof body === 'string') return body.length
  if (typeof Blob !== 'undefined' && body instanceof Blob) return body.size
  if (body instanceof ArrayBuffer) return body.byteLength
  if (ArrayBuffer.isView(body)) return body.byteLength
  return null
}
