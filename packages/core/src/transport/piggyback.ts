import type { FinishedRequest, OutgoingRequest } from '../network/requestHooks.ts'
import type { Sample, TransportStats } from '../types.ts'
import { encodeBatch } from './codec.ts'
import type { ResolvedTransportOptions } from './options.ts'
import { PendingBuffer } from './pendingBuffer.ts'

/** The request header that carries a batch (DESIGN.md, wire contracts). */
export const BATCH_HEADER = 'X-Perfscope-Batch'

/** Statuses that say "too much": the batch is dropped (never resent) and piggybacking backs off. */
const BACK_OFF_STATUSES = new Set([413, 429, 431])
const FIRST_BACK_OFF_MS = 5_000
const MAX_BACK_OFF_MS = 5 * 60_000
/**
 * While samples keep arriving, batches are encoded at most this often. Every encode pays deflate's set-up, which
 * dominates for a batch of one or two samples (an app polling 20 times a second otherwise encoded 20 times a
 * second), and a second's worth of samples compresses far better than one sample does.
 */
export const MIN_ENCODE_INTERVAL_MS = 1000
/** A backlog this large is encoded at once, whatever the interval, so the buffer stays small at high request rates. */
const ENCODE_AT_ONCE_SAMPLES = 100

export interface PiggybackDeps {
  now: () => number
  timeOrigin: number
  /** Runs `fn` once, later, when the page is idle: encoding never happens inside the app's `fetch` call. */
  scheduleIdle: (fn: () => void) => void
  randomId: () => number
}

/** An encoded batch, ready to go out on a request or a beacon. */
export interface ReadyBatch {
  header: string
  count: number
  first: Sample
  dropped: number
}

/**
 * Piggybacking: samples wait in a bounded buffer, are encoded when the page is idle, and the ready header is
 * handed to the next eligible app request by a request decorator, so metrics leave without a request or timer
 * of their own.
 */
export class Piggyback {
  readonly buffer: PendingBuffer
  private ready: ReadyBatch | null = null
  private encodeQueued = false
  private lastEncodeAt = -Infinity
  /** Samples arrived within the interval: the next sample or app request past it queues their encode. */
  private deferred = false
  private backOffUntil = 0
  private backOffMs = 0
  readonly stats: TransportStats = { pending: 0, sentBatches: 0, sentSamples: 0, dropped: 0, backedOff: 0 }

  constructor(
    private readonly options: ResolvedTransportOptions,
    private readonly deps: PiggybackDeps,
  ) {
    this.buffer = new PendingBuffer(options.maxPending)
  }

  add(sample: Sample): void {
    const droppedBefore = this.buffer.dropped
    this.buffer.push(sample)
    if (this.buffer.dropped !== droppedBefore) this.stats.dropped++
    this.stats.pending = this.buffer.size
    this.queueEncode()
  }

  private queueEncode(): void {
    if (this.encodeQueued) return
    // No timer waits out the interval (none may run while the app is idle): the next event past it does.
    if (this.deps.now() - this.lastEncodeAt < MIN_ENCODE_INTERVAL_MS && this.buffer.size < ENCODE_AT_ONCE_SAMPLES) {
      this.deferred = true
      return
    }
    this.deferred = false
    this.encodeQueued = true
    this.deps.scheduleIdle(() => {
      this.encodeQueued = false
      this.lastEncodeAt = this.deps.now()
      this.ready = this.encode(this.options.maxHeaderBytes)
    })
  }

  /** True when this request may carry the header: same origin or an exact allow-listed origin, never `no-cors` or `keepalive`. */
  eligible(request: OutgoingRequest): boolean {
    if (request.internal || request.keepalive || request.mode === 'no-cors') return false
    if (request.sameOrigin) return true
    if (this.options.allowOrigins.size === 0) return false
    try {
      return this.options.allowOrigins.has(new URL(request.url).origin)
    } catch {
      return false
    }
  }

  /** The request decorator: the ready batch's header for an eligible request, or undefined. */
  decorate(request: OutgoingRequest): Record<string, string> | undefined {
    if (this.deferred) this.queueEncode()
    const ready = this.ready
    if (!ready || !this.eligible(request) || this.deps.now() < this.backOffUntil) return undefined
    // The buffer dropped the batch's first sample since it was encoded: the header is stale.
    if (this.buffer.peek(1)[0] !== ready.first) {
      this.ready = null
      this.queueEncode()
      return undefined
    }
    this.ready = null
    this.commit(ready)
    if (this.buffer.size > 0) this.queueEncode()
    return { [BATCH_HEADER]: ready.header }
  }

  /** Removes a batch's samples from the buffer once it went out (it is never sent again). */
  commit(batch: ReadyBatch): void {
    this.buffer.take(batch.count)
    this.buffer.dropped -= batch.dropped
    this.stats.pending = this.buffer.size
    this.stats.sentBatches++
    this.stats.sentSamples += batch.count
  }

  /** Told when an app request ends; a 413 / 429 / 431 on a request that carried a batch backs off. */
  finished(finished: FinishedRequest): void {
    const header = finished.added?.[BATCH_HEADER]
    if (header === undefined) return
    if (finished.status !== null && BACK_OFF_STATUSES.has(finished.status)) {
      this.backOffMs = Math.min(MAX_BACK_OFF_MS, this.backOffMs ? this.backOffMs * 2 : FIRST_BACK_OFF_MS)
      this.backOffUntil = this.deps.now() + this.backOffMs
      this.stats.backedOff++
    } else if (finished.ok) {
      this.backOffMs = 0
    }
  }

  /**
   * Encodes the oldest pending samples into at most `maxBytes` of base64url, or null when nothing is pending.
   * Starts from an estimate and shrinks, so a batch is encoded at most a few times.
   */
  encode(maxBytes: number): ReadyBatch | null {
    let n = this.buffer.size
    if (n === 0) return null
    for (let attempt = 0; attempt < 6 && n > 0; attempt++) {
      const samples = this.buffer.peek(n)
      const dropped = this.buffer.dropped
      const header = encodeBatch({ samples, batchId: this.deps.randomId(), timeOrigin: this.deps.timeOrigin, dropped })
      if (header.length <= maxBytes) return { header, count: n, first: samples[0]!, dropped }
      n = Math.floor(n * (maxBytes / header.length) * 0.9)
    }
    return null
  }
}
