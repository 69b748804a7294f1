import { isPlainObject, PerfscopeOptionError, resolveOriginList, checkBoolean } from '../../kernel/options.ts'

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

function positiveInteger(value: unknown, option: string, fallback: number, max: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > max) {
    throw new PerfscopeOptionError(option, `must be a whole number from 1 to ${max}`, value)
  }
  return value
}

/** Checks the `transport` option and fills in defaults. Origins are normalised with `new URL(…).origin`. */
export function resolveTransportOptions(value: unknown): ResolvedTransportOptions {
  if (value !== undefined && !isPlainObject(value)) {
    throw new PerfscopeOptionError('transport', 'must be an object', value)
  }
  const o = value ?? {}
  checkBoolean('transport.enabled', o.enabled)
  if (o.endpoint !== undefined && (typeof o.endpoint !== 'string' || o.endpoint === '')) {
    throw new PerfscopeOptionError('transport.endpoint', 'must be a non-empty URL string', o.endpoint)
  }
  const allowOrigins = resolveOriginList('transport.allowOrigins', o.allowOrigins)
  return {
    enabled: o.enabled ?? true,
    endpoint: (o.endpoint as string | undefined) ?? DEFAULT_METRICS_ENDPOINT,
    allowOrigins,
    maxHeaderBytes: positiveInteger(o.maxHeaderBytes, 'transport.maxHeaderBytes', DEFAULT_MAX_HEADER_BYTES, 16 * 1024),
    maxPending: positiveInteger(o.maxPending, 'transport.maxPending', DEFAULT_MAX_PENDING, 100_000),
  }
}
