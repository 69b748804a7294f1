import { BatchDecodeError, decodeBatch, DEFAULT_MAX_BATCH_BYTES } from '@perfscope/core/codec'
import type { Sample } from '@perfscope/core'
import type { SummaryStore } from './summaryStore.ts'

export interface IngestOptions {
  /** Largest accepted batch text in bytes (default 16 KiB). */
  maxBatchBytes?: number
  /** Batches waiting to be decoded; more are refused as `queue-full` (default 1000). */
  maxQueue?: number
  /** Called with the samples of every accepted batch, after they are recorded (feeds Prometheus and OTLP). */
  onBatch?: (samples: readonly Sample[], at: number) => void
}

export interface IngestCounters {
  received: number
  accepted: number
  rejected: Record<string, number>
}

/** Batch ids remembered to drop a batch that arrives twice (a retried request). */
const REMEMBERED_BATCH_IDS = 2048

/**
 * Receives batches from request headers and beacons and decodes them off the request path: `enqueue` only
 * checks the size and queues; decoding runs in one `setImmediate` after the current requests are handled.
 * A bad batch is counted by reason and ignored.
 */
export class Ingest {
  readonly counters: IngestCounters = { received: 0, accepted: 0, rejected: {} }
  private queue: Array<{ text: string; at: number }> = []
  private drainQueued = false
  private readonly seen = new Set<number>()
  private readonly maxBatchBytes: number
  private readonly maxQueue: number
  private readonly onBatch: IngestOptions['onBatch']

  constructor(
    private readonly store: SummaryStore,
    options: IngestOptions = {},
  ) {
    this.maxBatchBytes = options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES
    this.maxQueue = options.maxQueue ?? 1000
    this.onBatch = options.onBatch
  }

  enqueue(text: string, at = Date.now()): void {
    this.counters.received++
    if (text.length > this.maxBatchBytes) return this.reject('oversized', at)
    if (this.queue.length >= this.maxQueue) return this.reject('queue-full', at)
    this.queue.push({ text, at })
    if (this.drainQueued) return
    this.drainQueued = true
    setImmediate(() => this.drain())
  }

  /** Decodes everything queued now (normally called from `setImmediate`). */
  drain(): void {
    this.drainQueued = false
    const queue = this.queue
    this.queue = []
    for (const { text, at } of queue) {
      try {
        const batch = decodeBatch(text, { maxBytes: this.maxBatchBytes })
        if (this.seen.has(batch.batchId)) {
          this.reject('duplicate', at)
          continue
        }
        this.remember(batch.batchId)
        this.counters.accepted++
        this.store.recordBatch(batch.samples, batch.dropped, at)
        this.onBatch?.(batch.samples, at)
      } catch (error) {
        this.reject(error instanceof BatchDecodeError ? error.reason : 'malformed', at)
      }
    }
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
