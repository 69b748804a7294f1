import type { Sample } from '@perfscope/core'
import { decodeBatchSteps, encodeBatch, MAX_PAYLOAD_BYTES, type Batch } from '@perfscope/core/codec'
import { clientKey } from './clientKey.ts'
import { boundedKey, Day, type DaySummary } from './daySummary.ts'
import { deferTask } from './deferTask.ts'
import { legacyBatchEvent } from './legacyBatchEvent.ts'
import type { FileStore, FileStoreLimits, FileStoreStats } from './fileStore/fileStore.ts'

/** Opens the files of `dir` (`FileStore.open`): given by the Node entry, absent where there is no file system. */
export type OpenFileStore = typeof FileStore.open

export { OVERFLOW_KEY } from './daySummary.ts'
export type { DaySummary, MetricSummary } from './daySummary.ts'

export interface SummaryStoreOptions {
  /**
   * Keep JSON-lines files here (parts of one UTC day each) so summaries survive a restart. In memory only when
   * absent, or when the directory cannot be used (the reason is in {@link SummaryStore.status}).
   */
  dir?: string
  /** Days kept, in memory and on disk (default 30). */
  retentionDays?: number
  /** Distinct metric keys, and distinct routes, per day; more fold into `__overflow__` (default 2,000). */
  maxKeys?: number
  /** Caps of the files (see `FileStoreLimits`): per line, file, day, in total and waiting for the disk. */
  files?: Partial<FileStoreLimits>
  /** Where the one warning about an unusable directory goes (default `console.warn`). */
  warn?: (message: string) => void
}

/** Where summaries are kept, as the metrics endpoint reports it. */
export interface StoreStatus {
  kind: 'memory' | 'file'
  /** Set when `dir` was given but cannot be used: why summaries are kept in memory only. */
  reason?: string
  /** True while the files of earlier runs are being read back. */
  replaying: boolean
  /** Stored lines that could not be read back (damaged, over-long or not events), skipped. */
  skippedLines: number
  files?: FileStoreStats
}

/** Distinct metric keys or routes per day, as OpenTelemetry's default cardinality limit. */
export const MAX_KEYS_PER_DAY = 2000
const DAY_MS = 86_400_000
/** Distinct refusal reasons kept per day (the server has about a dozen; replayed files cannot add more). */
const MAX_REASONS = 32
/** Replay decodes stored batches in slices of this many ms, yielding to the app between them. */
const REPLAY_SLICE_MS = 4

/** What is stored: an accepted batch as the client sent it, a timed request, or a refusal. */
type StoredEvent =
  | { k: 'b'; t: number; x: string }
  | { k: 'r'; t: number; route: string; dur: number; status: number; load: boolean }
  | { k: 'x'; t: number; reason: string }

export function utcDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10)
}

/** Why `dir` cannot be used on this runtime. */
export const STORE_DIR_NEEDS_NODE =
  'perfscope: store.dir needs Node.js (a file system); this runtime loaded the Fetch-API entry of @perfscope/server'

function isError(sample: Sample): boolean {
  const status = Number(sample.tags?.status)
  return (Number.isFinite(status) && status >= 400) || sample.tags?.error !== undefined
}

/**
 * What the server keeps: per-day aggregates of client batches, server-timed requests and refusals, bounded in
 * memory (days × `maxKeys`). With `dir`, every event is also appended to that day's file by one writer and read
 * back, line by line, on the next start. Batches are stored as the client's own encoded text, so a hostile
 * request writes at most its header's size plus a few dozen bytes. Nothing here throws at the caller: a
 * directory that cannot be used leaves the store in memory, with the reason in {@link status} and one warning.
 */
export class SummaryStore {
  private readonly days = new Map<string, Day>()
  private readonly retentionDays: number
  private readonly maxKeys: number
  private files: FileStore | null = null
  /** Lines recorded before the files were open and read back; written after, so replay does not count them twice. */
  private early: Array<{ date: string; line: string }> | null = null
  private readonly state: StoreStatus = { kind: 'memory', replaying: false, skippedLines: 0 }
  /** Resolves once the files of earlier runs are read back (at once without `dir`); never rejects. */
  readonly ready: Promise<void>

  /**
   * `openFileStore` reaches the file system; the Node entry's `SummaryStore` passes it. Without it, `dir` leaves
   * the store in memory with the reason in {@link status}.
   */
  constructor(
    private readonly options: SummaryStoreOptions = {},
    private readonly openFileStore?: OpenFileStore,
  ) {
    this.retentionDays = options.retentionDays ?? 30
    this.maxKeys = options.maxKeys ?? MAX_KEYS_PER_DAY
    this.ready = options.dir ? this.openFiles(options.dir) : Promise.resolve()
  }

  /** Where summaries are kept, why not on disk if `dir` was given, and what the files did. */
  status(): StoreStatus {
    return { ...this.state, ...(this.files ? { files: structuredClone(this.files.stats) } : {}) }
  }

  /** Lines of earlier runs' files that could not be read back (skipped, never fatal). */
  get skippedLines(): number {
    return this.state.skippedLines
  }

  /**
   * Records a decoded batch. `text` is the batch as received (stored as is); without it the samples are
   * encoded for the file.
   */
  recordBatch(samples: readonly Sample[], dropped: number, at = Date.now(), text?: string): void {
    this.applyBatch(samples, dropped, at)
    if (this.files || this.early) {
      this.persist(at, { k: 'b', t: at, x: text ?? encodeBatch({ samples, batchId: 0, timeOrigin: 0, dropped }) })
    }
  }

  recordRequest(route: string, dur: number, status: number, load: boolean, at = Date.now()): void {
    const event: StoredEvent = { k: 'r', t: at, route: boundedKey(route), dur, status, load }
    this.applyRequest(event)
    if (this.files || this.early) this.persist(at, event)
  }

  recordRejected(reason: string, at = Date.now()): void {
    this.applyRejected(reason, at)
    if (this.files || this.early) this.persist(at, { k: 'x', t: at, reason })
  }

  /** Day summaries, oldest first, from `since` (a `YYYY-MM-DD` date or epoch ms) on. */
  summaries(since?: string | number): DaySummary[] {
    // A time past what a Date holds is after every day; one before it, before every day.
    const from =
      since === undefined ? '' : typeof since === 'number' ? safeDate(since) || (since > 0 ? '~' : '') : since
    return [...this.days.values()]
      .filter((d) => d.date >= from)
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .map((d) => d.summary())
  }

  /** Resolves when everything recorded so far is on disk (for tests and graceful shutdown). */
  async flush(): Promise<void> {
    await this.ready
    await this.files?.flush()
  }

  private day(at: number): Day | null {
    const date = safeDate(at)
    if (date === '') return null
    let day = this.days.get(date)
    if (!day) {
      day = new Day(date, this.maxKeys)
      this.days.set(date, day)
      this.prune(at)
    }
    return day
  }

  private applyBatch(samples: readonly Sample[], dropped: number, at: number): void {
    const day = this.day(at)
    if (!day) return
    day.batches++
    day.dropped += dropped
    for (const sample of samples) {
      day.samples++
      // Files keep the batch as the client sent it, so keys are sanitised here, for live and replayed batches.
      day.metrics.add(clientKey(sample.key), sample.v, isError(sample))
    }
  }

  private applyRequest(event: Extract<StoredEvent, { k: 'r' }>): void {
    const day = this.day(event.t)
    if (!day) return
    const side = event.load ? day.load : day.server
    const error = event.status >= 500
    side.requests++
    if (error) side.errors++
    side.routes.add(event.route, event.dur, error)
  }

  private applyRejected(reason: string, at: number): void {
    const day = this.day(at)
    if (!day) return
    const known = reason in day.rejected || Object.keys(day.rejected).length < MAX_REASONS
    const key = known ? reason.slice(0, 64) : 'other'
    day.rejected[key] = (day.rejected[key] ?? 0) + 1
  }

  private prune(now: number): void {
    const oldest = utcDate(now - (this.retentionDays - 1) * DAY_MS)
    for (const date of this.days.keys()) if (date < oldest) this.days.delete(date)
    void this.files?.prune(oldest)
  }

  private persist(at: number, event: StoredEvent): void {
    const date = safeDate(at)
    if (date === '') return
    const line = JSON.stringify(event)
    if (this.files) this.files.append(date, line)
    else if (this.early && this.early.length < 10_000) this.early.push({ date, line })
  }

  private async openFiles(dir: string): Promise<void> {
    this.early = []
    try {
      if (!this.openFileStore) throw new Error(STORE_DIR_NEEDS_NODE)
      const files = await this.openFileStore(dir, this.options.files ?? {}, (error) => this.unavailable(error))
      this.state.replaying = true
      await files.prune(utcDate(Date.now() - (this.retentionDays - 1) * DAY_MS))
      await this.replay(files)
      this.state.replaying = false
      this.state.kind = 'file'
      this.files = files
      for (const { date, line } of this.early) files.append(date, line)
    } catch (error) {
      this.state.replaying = false
      this.unavailable(error)
    }
    this.early = null
  }

  /** Reads every kept day back, line by line; a damaged line is skipped and counted, never fatal. */
  private async replay(files: FileStore): Promise<void> {
    const stats = { tooLong: 0 }
    let sliceStart = performance.now()
    for (const date of files.dates()) {
      for await (const line of files.lines(date, stats)) {
        try {
          const event = JSON.parse(line) as unknown
          const legacy = legacyBatchEvent(event)
          if (legacy) this.applyBatch(legacy.samples, legacy.dropped, legacy.t)
          else if (!isStoredEvent(event)) throw new Error('not an event')
          else if (event.k === 'b') {
            const batch = await decodeSliced(event.x)
            this.applyBatch(batch.samples, batch.dropped, event.t)
          } else if (event.k === 'r') this.applyRequest(event)
          else this.applyRejected(event.reason, event.t)
        } catch {
          this.state.skippedLines++
        }
        if (performance.now() - sliceStart > REPLAY_SLICE_MS) {
          await new Promise<void>((resolve) => deferTask(resolve))
          sliceStart = performance.now()
        }
      }
    }
    this.state.skippedLines += stats.tooLong
  }

  private unavailable(error: unknown): void {
    if (this.state.reason) return
    this.files = null
    this.state.kind = 'memory'
    this.state.reason = `${this.options.dir}: ${error instanceof Error ? error.message : String(error)}`
    const warn = this.options.warn ?? ((message: string) => console.warn(message))
    warn(`perfscope: summaries are kept in memory only (${this.state.reason})`)
  }
}

/** Decodes a stored batch, yielding to the app between slices. */
async function decodeSliced(text: string): Promise<Batch> {
  const steps = decodeBatchSteps(text, { maxBytes: MAX_PAYLOAD_BYTES })
  let sliceStart = performance.now()
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
    if (performance.now() - sliceStart > REPLAY_SLICE_MS) {
      await new Promise<void>((resolve) => deferTask(resolve))
      sliceStart = performance.now()
    }
  }
}

/** `utcDate`, or '' for a time no `Date` can hold (a replayed or forged event). */
function safeDate(epochMs: number): string {
  return Number.isFinite(epochMs) && Math.abs(epochMs) <= 8.64e15 ? utcDate(epochMs) : ''
}

function isStoredEvent(e: unknown): e is StoredEvent {
  if (typeof e !== 'object' || e === null) return false
  const o = e as Record<string, unknown>
  if (typeof o.t !== 'number') return false
  if (o.k === 'b') return typeof o.x === 'string'
  if (o.k === 'r') return typeof o.route === 'string' && typeof o.dur === 'number' && typeof o.status === 'number'
  return o.k === 'x' && typeof o.reason === 'string'
}
