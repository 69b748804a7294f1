import { isBoolean, objectOf, originList, when, wholeUpTo } from '../../kernel/optionRules.ts'

/** Where and how piggybacked metrics leave the page. */
export interface TransportOptions {
  /** Piggyback and beacon at all (default true). */
  enabled?: boolean
  /** The server endpoint beacons go to (default `/api/performance-metrics`, same origin). */
  endpoint?: string
  /**
   * Origins, besides the page's own, whose requests may carry the batch header. Compared exactly after parsing
   * (`https://api.example.com`), never as substrings. A custom header makes the browser send a CORS preflight,
   * so list only origins whose servers allow `X-Perfscope-Batch`.
   */
  allowOrigins?: string[]
  /** Cap of the header value in bytes (default 4096; proxies reject large headers with 400 / 431). */
  maxHeaderBytes?: number
  /** Samples kept while waiting for a request to ride on (default 2000); beyond it the oldest are dropped. */
  maxPending?: number
}

export interface ResolvedTransportOptions {
  enabled: boolean
  endpoint: string
  allowOrigins: ReadonlySet<string>
  maxHeaderBytes: number
  maxPending: number
}

export const DEFAULT_METRICS_ENDPOINT = '/api/performance-metrics'
/** Well under the 8 KiB many proxies allow for all headers together. */
export const DEFAULT_MAX_HEADER_BYTES = 4096
export const DEFAULT_MAX_PENDING = 2000
/** `navigator.sendBeacon` refuses bodies once the page's in-flight keepalive data passes 64 KiB. */
export const BEACON_MAX_BYTES = 60 * 1024

const transportRules = objectOf({
  enabled: isBoolean,
  endpoint: when<string>((v) => typeof v === 'string' && v !== '', 'must be a non-empty URL string'),
  allowOrigins: originList,
  maxHeaderBytes: wholeUpTo(16 * 1024),
  maxPending: wholeUpTo(100_000),
})

/** Checks the `transport` option and fills in defaults. Origins are normalised with `new URL(…).origin`. */
export function resolveTransportOptions(value: unknown): ResolvedTransportOptions {
  const o = transportRules(value, 'transport')
  return {
    enabled: o.enabled ?? true,
    endpoint: o.endpoint ?? DEFAULT_METRICS_ENDPOINT,
    allowOrigins: o.allowOrigins,
    maxHeaderBytes: o.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES,
    maxPending: o.maxPending ?? DEFAULT_MAX_PENDING,
  }
}
