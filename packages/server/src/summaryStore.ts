import { Histogram, type Sample } from '@perfscope/core'

/** A percentile summary of one metric or route for one day. Durations in ms. */
export interface MetricSummary {
  count: number
  errors: number
  mean: number | null
  p50: number | null
  p95: number | null
  p99: number | null
  max: number | null
}

/** Everything received and measured on one UTC day. */
export interface DaySummary {
  /** `YYYY-MM-DD` (UTC). */
  date: string
  /** What browsers sent: batches, samples, and per metric key (`http.GET /api/items`, `vital.LCP`…) summaries. */
  client: { batches: number; samples: number; dropped: number; metrics: Record<string, MetricSummary> }
  /** The app's real requests as timed by the middleware. */
  server: { requests: number; errors: number; routes: Record<string, MetricSummary> }
  /** Requests tagged `X-Perfscope-Load` (the load simulator), counted apart from real traffic. */
  load: { requests: number; errors: number; routes: Record<string, MetricSummary> }
  /** Batches refused, by reason (`malformed`, `truncated`, `oversized`, `version`, `bounds`, `queue-full`, `duplicate`). */
  rejected: Record<string, number>
}

export interface SummaryStoreOptions {
  /** Keep JSON-lines files here (one per UTC day) so summaries survive a restart. In memory only when absent. */
  dir?: string
  /** Days kept, in memory and on disk (default 30). */
  retentionDays?: number
}

/** Distinct metric keys or routes per day; more fold into `other`, so garbage cannot grow memory. */
export const MAX_KEYS_PER_DAY = 500
const DAY_MS = 86_400_000

class Stat {
  readonly histogram = new Histogram()
  errors = 0
  add(value: number, error: boolean): void {
    this.histogram.add(value)
    if (error) this.errors++
  }
  summary(): MetricSummary {
    const h = this.histogram
    return {
      count: h.count,
      errors: this.errors,
      mean: h.count ? h.sum / h.count : null,
      p50: h.quantile(0.5),
      p95: h.quantile(0.95),
      p99: h.quantile(0.99),
      max: h.count ? h.max : null,
    }
  }
}

class StatTable {
  private readonly stats = new Map<string, Stat>()
  add(key: string, value: number, error: boolean): void {
    let stat = this.stats.get(key)
    if (!stat) {
      const k = this.stats.size >= MAX_KEYS_PER_DAY ? 'other' : key
      stat = this.stats.get(k) ?? new Stat()
      this.stats.set(k, stat)
    }
    stat.add(value, error)
  }
  summary(): Record<string, MetricSummary> {
    return Object.fromEntries([...this.stats].map(([k, s]) => [k, s.summary()]))
  }
}

class Day {
  batches = 0
  samples = 0
  dropped = 0
  readonly metrics = new StatTable()
  readonly server = { requests: 0, errors: 0, routes: new StatTable() }
  readonly load = { requests: 0, errors: 0, routes: new StatTable() }
  readonly rejected: Record<string, number> = {}
  constructor(readonly date: string) {}
  summary(): DaySummary {
    return {
      date: this.date,
      client: { batches: this.batches, samples: this.samples, dropped: this.dropped, metrics: this.metrics.summary() },
      server: { requests: this.server.requests, errors: this.server.errors, routes: this.server.routes.summary() },
      load: { requests: this.load.requests, errors: this.load.errors, routes: this.load.routes.summary() },
      rejected: { ...this.rejected },
    }
  }
}

type Event =
  | { k: 'b'; t: number; d: number; s: Array<[string, number, number]> }
  | { k: 'r'; t: number; route: string; dur: number; status: number; load: boolean }
  | { k: 'x'; t: number; reason: string }

export function utcDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10)
}

function isError(sample: Sample): boolean {
  const status = Number(sample.tags?.status)
  return (Number.isFinite(status) && status >= 400) || sample.tags?.error !== undefined
}

/**
 * What the server keeps: per-day aggregates of client batches, server-timed requests and refusals. Bounded in
 * memory (days × keys); with `dir`, every event is appended to that day's JSON-lines file and replayed on start.
 */
export class SummaryStore {
  private readonly days = new Map<string, Day>()
  private readonly retentionDays: number
  private pendingLines = new Map<string, string[]>()
  private writeQueued = false
  /** Lines in the files that could not be read back (skipped, never fatal). */
  skippedLines = 0

  constructor(private readonly options: SummaryStoreOptions = {}) {
    this.retentionDays = options.retentionDays ?? 30
    if (options.dir) this.replay(options.dir)
  }

  recordBatch(samples: readonly Sample[], dropped: number, at = Date.now()): void {
    this.apply({ k: 'b', t: at, d: dropped, s: samples.map((s) => [s.key, s.v, isError(s) ? 1 : 0]) }, true)
  }

  recordRequest(route: string, dur: number, status: number, load: boolean, at = Date.now()): void {
    this.apply({ k: 'r', t: at, route, dur, status, load }, true)
  }

  recordRejected(reason: string, at = Date.now()): void {
    this.apply({ k: 'x', t: at, reason }, true)
  }

  /** Day summaries, oldest first, from `since` (a `YYYY-MM-DD` date or epoch ms) on. */
  summaries(since?: string | number): DaySummary[] {
    const from = since === undefined ? '' : typeof since === 'number' ? utcDate(since) : since
    return [...this.days.values()]
      .filter((d) => d.date >= from)
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .map((d) => d.summary())
  }

  private day(at: number): Day {
    const date = utcDate(at)
    let day = this.days.get(date)
    if (!day) {
      day = new Day(date)
      this.days.set(date, day)
      this.prune(at)
    }
    return day
  }

  private apply(event: Event, persist: boolean): void {
    const day = this.day(event.t)
    if (event.k === 'b') {
      day.batches++
      day.dropped += event.d
      for (const [key, v, error] of event.s) {
        day.samples++
        day.metrics.add(key, v, error === 1)
      }
    } else if (event.k === 'r') {
      const side = event.load ? day.load : day.server
      const error = event.status >= 500
      side.requests++
      if (error) side.errors++
      side.routes.add(event.route, event.dur, error)
    } else {
      day.rejected[event.reason] = (day.rejected[event.reason] ?? 0) + 1
    }
    if (persist && this.options.dir) this.persist(day.date, JSON.stringify(event))
  }

  private prune(now: number): void {
    const oldest = utcDate(now - (this.retentionDays - 1) * DAY_MS)
    for (const date of this.days.keys()) if (date < oldest) this.days.delete(date)
    if (!this.options.dir) return
    for (const file of safeList(this.options.dir)) {
      const date = /^perfscope-(\d{4}-\d{2}-\d{2})\.jsonl$/.exec(file)?.[1]
      if (date && date < oldest) {
        try {
          files().unlinkSync(files().join(this.options.dir, file))
        } catch {
          // Another process pruned it first.
        }
      }
    }
  }

  /** Appends are batched per tick and written asynchronously, off the request path. */
  private persist(date: string, line: string): void {
    const lines = this.pendingLines.get(date) ?? []
    lines.push(line)
    this.pendingLines.set(date, lines)
    if (this.writeQueued) return
    this.writeQueued = true
    setImmediate(() => {
      this.writeQueued = false
      // A full disk must not take the app down: the summary stays in memory, the line is lost.
      this.flush().catch(() => {})
    })
  }

  /** Resolves when everything recorded so far is on disk (for tests and graceful shutdown). */
  async flush(): Promise<void> {
    if (!this.options.dir) return
    const pending = this.pendingLines
    this.pendingLines = new Map()
    await Promise.all(
      [...pending].map(([date, lines]) => files().appendFile(files().join(this.options.dir!, `perfscope-${date}.jsonl`), `${lines.join('\n')}\n`)),
    )
  }

  private replay(dir: string): void {
    files().mkdirSync(dir, { recursive: true })
    const oldest = utcDate(Date.now() - (this.retentionDays - 1) * DAY_MS)
    for (const file of safeList(dir).sort()) {
      const date = /^perfscope-(\d{4}-\d{2}-\d{2})\.jsonl$/.exec(file)?.[1]
      if (!date || date < oldest) continue
      for (const line of files().readFileSync(files().join(dir, file), 'utf8').split('\n')) {
        if (!line) continue
        try {
          const event = JSON.parse(line) as Event
          if (!isEvent(event)) throw new Error('not an event')
          this.apply(event, false)
        } catch {
          this.skippedLines++
        }
      }
    }
  }
}

function isEvent(e: unknown): e is Event {
  if (typeof e !== 'object' || e === null) return false
  const o = e as Record<string, unknown>
  if (typeof o.t !== 'number') return false
  if (o.k === 'b') return Array.isArray(o.s) && typeof o.d === 'number'
  if (o.k === 'r') return typeof o.route === 'string' && typeof o.dur === 'number' && typeof o.status === 'number'
  return o.k === 'x' && typeof o.reason === 'string'
}

function safeList(dir: string): string[] {
  try {
    return files().readdirSync(dir)
  } catch {
    return []
  }
}

/**
 * Node's file functions, reached through `process.getBuiltinModule` only when `dir` is set: no static `node:*`
 * import, so bundles for runtimes without a file system (edge, Workers) need none of them.
 */
function files() {
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule
  if (!get) throw new Error('perfscope: store.dir needs Node.js 20.16 or later (a file system)')
  const fs = get('node:fs') as typeof import('node:fs')
  const { appendFile } = get('node:fs/promises') as typeof import('node:fs/promises')
  const { join } = get('node:path') as typeof import('node:path')
  return { ...fs, appendFile, join }
}
