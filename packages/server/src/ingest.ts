import {
  BatchDecodeError,
  decodeBatchSteps,
  DEFAULT_MAX_BATCH_BYTES,
  type Batch,
  type DecodeLimits,
} from '@perfscope/core/codec'
import type { Sample } from '@perfscope/core'
import { withClientKeys } from './clientKey.ts'
import { deferTask } from './deferTask.ts'
import type { SummaryStore } from './summaryStore.ts'

export interface IngestOptions {
  /** Largest accepted batch text in bytes (default 16 KiB). */
  maxBatchBytes?: number
  /** Batches waiting to be decoded; more are refused as `queue-full` (default 64). */
  maxQueue?: number
  /** Caps a batch must stay under while it is inflated and decoded (defaults in `@perfscope/core/codec`). */
  decodeLimits?: Partial<Omit<DecodeLimits, 'maxBytes'>>
  /** Milliseconds of decoding per event-loop turn before the ingest yields to the app (default 0.25). */
  sliceMs?: number
  /**
   * Largest share of wall time the ingest spends decoding (default 0.03): after a slice of `d` ms it rests
   * `d × (1 − share) / share` ms. Batches arriving faster than that wait in the queue, and past `maxQueue` are
   * refused as `queue-full`, so a flood costs the app at most this share of one core.
   */
  maxCpuShare?: number
  /** Called with the samples of every accepted batch, after they are recorded (feeds Prometheus and OTLP). */
  onBatch?: (samples: readonly Sample[], at: number) => void
}

export interface IngestCounters {
  received: number
  accepted: number
  /** Refused batches by reason: the decoder's reasons, `oversized`, `queue-full` and `duplicate`. */
  rejected: Record<string, number>
  /** Time spent decoding, in ms: what the ingest took from the app's event loop. */
  decodeMs: number
}

/** Batch ids remembered to drop a batch that arrives twice (a retried request). */
const REMEMBERED_BATCH_IDS = 2048
/**
 * One slice of decoding per turn: a quarter of a millisecond, so the app's requests waiting behind a slice are
 * not held up noticeably (a typical batch of a few hundred samples takes two or three slices).
 */
export const DEFAULT_INGEST_SLICE_MS = 0.25
/**
 * 3 % of one core: about sixty typical batches a second, far above what one app's pages send. Under a flood of
 * the costliest batches the app's clean-request p95 stayed within the noise of receiving the headers alone
 * (`npm run bench -- --only hostile`: 4.9 ms beside 6.4 ms for an app that refuses every batch unread; with
 * a tenth of a core and 1 ms slices it was 7.3 ms beside 3.1 ms).
 */
export const DEFAULT_MAX_CPU_SHARE = 0.03
/** Queued batches, each at most `maxBatchBytes`: 64 × 16 KiB = 1 MiB held at worst. */
export const DEFAULT_MAX_QUEUE = 64

const now = () => performance.now()

/**
 * Receives batches from request headers and beacons and decodes them off the request path: `enqueue` only checks
 * the size and queues. Decoding runs in slices of at most `sliceMs` per event-loop turn, yielding between them
 * (a 20,000-sample batch is spread over several turns instead of blocking one), and each batch is inflated and
 * decoded under caps checked as it goes. A bad batch is counted by reason and ignored.
 */
export class Ingest {
  readonly counters: IngestCounters = { received: 0, accepted: 0, rejected: {}, decodeMs: 0 }
  private queue: Array<{ text: string; at: number }> = []
  private current: { steps: Generator<void, Batch, void>; text: string; at: number } | null = null
  private drainQueued = false
  private readonly seen = new Set<number>()
  private readonly maxBatchBytes: number
  private readonly maxQueue: number
  private readonly sliceMs: number
  private readonly restFactor: number
  private readonly limits: Partial<DecodeLimits>
  private idleWaiters: Array<() => void> = []
  private readonly onBatch: IngestOptions['onBatch']

  constructor(
    private readonly store: SummaryStore,
    options: IngestOptions = {},
  ) {
    this.maxBatchBytes = options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES
    this.maxQueue = options.maxQueue ?? DEFAULT_MAX_QUEUE
    this.sliceMs = options.sliceMs ?? DEFAULT_INGEST_SLICE_MS
    const share = Math.min(1, Math.max(0.01, options.maxCpuShare ?? DEFAULT_MAX_CPU_SHARE))
    this.restFactor = (1 - share) / share
    this.limits = { ...options.decodeLimits, maxBytes: this.maxBatchBytes }
    this.onBatch = options.onBatch
  }

  /** Queues a batch (header value or beacon body) for decoding; never throws, never decodes here. */
  enqueue(text: string, at = Date.now()): void {
    this.counters.received++
    if (typeof text !== 'string' || text.length > this.maxBatchBytes) return this.reject('oversized', at)
    if (this.queue.length >= this.maxQueue) return this.reject('queue-full', at)
    this.queue.push({ text, at })
    this.schedule()
  }

  /** Batches queued or being decoded. */
  get pending(): number {
    return this.queue.length + (this.current ? 1 : 0)
  }

  /** Resolves once every batch queued so far is decoded and recorded (for tests and graceful shutdown). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** Decodes for at most one slice, then yields to the app and continues on a later turn. */
  drain(): void {
    this.drainQueued = false
    const started = now()
    const deadline = started + this.sliceMs
    do {
      if (!this.current) {
        const next = this.queue.shift()
        if (!next) break
        this.current = { steps: decodeBatchSteps(next.text, this.limits), text: next.text, at: next.at }
      }
      const { steps, text, at } = this.current
      try {
        const step = steps.next()
        if (step.done) {
          this.current = null
          this.accept(step.value, text, at)
        }
      } catch (error) {
        this.current = null
        this.reject(error instanceof BatchDecodeError ? error.reason : 'malformed', at)
      }
    } while (now() < deadline)
    const spent = now() - started
    this.counters.decodeMs += spent
    if (this.pending > 0) return this.schedule(spent * this.restFactor)
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const resolve of waiters) resolve()
  }

  /** Drains on a later turn: the next one, or after `restMs` when the last slice used up its share. */
  private schedule(restMs = 0): void {
    if (this.drainQueued) return
    this.drainQueued = true
    if (restMs >= 1) setTimeout(() => this.drain(), restMs)
    else deferTask(() => this.drain())
  }

  private accept(batch: Batch, text: string, at: number): void {
    if (this.seen.has(batch.batchId)) return this.reject('duplicate', at)
    this.remember(batch.batchId)
    this.counters.accepted++
    this.store.recordBatch(batch.samples, batch.dropped, at, text)
    this.onBatch?.(withClientKeys(batch.samples), at)
  }

  private remember(id: number): void {
    if (this.seen.size >= REMEMBERED_BATCH_IDS) this.seen.delete(this.seen.values().next().value!)
    this.seen.add(id)
  }

  private reject(reason: string, at: number): void {
    this.counters.rejected[reason] = (this.counters.rejected[reason] ?? 0) + 1
    this.store.recordRejected(reason, at)
  }
}
