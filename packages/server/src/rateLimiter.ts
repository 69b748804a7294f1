/** Token-bucket limits on writes (beacons and piggybacked batches). Rates per second, bursts in requests. */
export interface RateLimitOptions {
  /** Writes per second each client may keep up (default 2: a page piggybacks at most one batch a second). */
  perClient?: number
  /** Writes one client may make at once before the rate applies (default 20). */
  clientBurst?: number
  /** Writes per second from all clients together (default 200), so clients that fake addresses share one cap. */
  total?: number
  /** Writes all clients together may make at once (default 400). */
  totalBurst?: number
}

/** Clients remembered at once; the least recently seen is forgotten first (a full bucket is the default anyway). */
export const MAX_TRACKED_CLIENTS = 10_000

interface Bucket {
  tokens: number
  at: number
}

/**
 * Per-client and overall token buckets, refilled lazily from the clock (no timer). Memory is bounded by
 * {@link MAX_TRACKED_CLIENTS}. Modelled on Sentry Relay's per-key and per-project quotas.
 */
export class RateLimiter {
  private readonly clients = new Map<string, Bucket>()
  private readonly all: Bucket
  private readonly perClient: number
  private readonly clientBurst: number
  private readonly total: number
  private readonly totalBurst: number

  constructor(
    options: RateLimitOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.perClient = positive(options.perClient, 2, 'rateLimit.perClient')
    this.clientBurst = positive(options.clientBurst, 20, 'rateLimit.clientBurst')
    this.total = positive(options.total, 200, 'rateLimit.total')
    this.totalBurst = positive(options.totalBurst, 400, 'rateLimit.totalBurst')
    this.all = { tokens: this.totalBurst, at: this.now() }
  }

  /** Takes one write for `client` (an address, or null when unknown: such clients share one bucket). */
  take(client: string | null): boolean {
    const t = this.now()
    const key = client ?? ''
    let bucket = this.clients.get(key)
    if (bucket) {
      this.clients.delete(key)
    } else {
      if (this.clients.size >= MAX_TRACKED_CLIENTS) this.clients.delete(this.clients.keys().next().value!)
      bucket = { tokens: this.clientBurst, at: t }
    }
    this.clients.set(key, bucket)
    refill(bucket, t, this.perClient, this.clientBurst)
    refill(this.all, t, this.total, this.totalBurst)
    if (bucket.tokens < 1 || this.all.tokens < 1) return false
    bucket.tokens--
    this.all.tokens--
    return true
  }
}

function refill(bucket: Bucket, t: number, perSecond: number, burst: number): void {
  bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond)
  bucket.at = t
}

function positive(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new TypeError(`perfscope: ${option} must be a positive number; got ${String(value)}`)
  }
  return value
}
