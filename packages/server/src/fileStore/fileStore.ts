import { constants } from 'node:fs'
import { access, appendFile, mkdir, readdir, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { readLines, type ReadLinesStats } from './readLines.ts'

/** Limits of the files a {@link FileStore} keeps. Sizes in bytes. */
export interface FileStoreLimits {
  /** A day's file is continued in a new part (`perfscope-2025-01-31.1.jsonl`) past this size (default 8 MiB). */
  maxFileBytes: number
  /** A day takes at most this much; later lines of that day are dropped and counted (default 64 MiB). */
  maxDayBytes: number
  /** All files together; past it the oldest days' files are deleted, never today's (default 512 MiB). */
  maxTotalBytes: number
  /** One line; a longer one is dropped when written and skipped when read (default 128 KiB). */
  maxLineBytes: number
  /** Lines waiting for the disk; past it new lines are dropped and counted (default 4 MiB). */
  maxPendingBytes: number
}

export const DEFAULT_FILE_STORE_LIMITS: Readonly<FileStoreLimits> = Object.freeze({
  maxFileBytes: 8 * 1024 * 1024,
  maxDayBytes: 64 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxLineBytes: 128 * 1024,
  maxPendingBytes: 4 * 1024 * 1024,
})

/** What the file store did: shown in the metrics endpoint's reply. */
export interface FileStoreStats {
  bytesWritten: number
  linesWritten: number
  /** Lines not written, by reason: `line-too-long`, `day-full`, `backlog`, `write-failed`. */
  droppedLines: Record<string, number>
  /** Files deleted to stay under `maxTotalBytes` or the retention. */
  filesDeleted: number
}

const FILE_NAME = /^perfscope-(\d{4}-\d{2}-\d{2})(?:\.(\d+))?\.jsonl$/

interface DayFiles {
  /** Part numbers on disk, ascending, with their sizes. */
  parts: Array<{ part: number; bytes: number }>
}

const fileName = (date: string, part: number) => `perfscope-${date}${part === 0 ? '' : `.${part}`}.jsonl`

/**
 * JSON-lines files, one or more parts per UTC day, written by one writer: lines are queued and a single loop
 * appends them, one `appendFile` at a time, so no two appends ever interleave, whatever their size. Every line,
 * file, day and the total are capped; nothing here throws at the caller. Node-only (`node:fs`): the summary store
 * loads it with a dynamic import, so runtimes without a file system never see it.
 */
export class FileStore {
  readonly stats: FileStoreStats = { bytesWritten: 0, linesWritten: 0, droppedLines: {}, filesDeleted: 0 }
  private readonly days = new Map<string, DayFiles>()
  private pending: Array<{ date: string; line: string }> = []
  private pendingBytes = 0
  private writing: Promise<void> | null = null
  private failed: unknown = null

  private constructor(
    readonly dir: string,
    readonly limits: FileStoreLimits,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /**
   * Creates `dir` if needed and lists what is there. Rejects when the directory cannot be made or read (the
   * caller then keeps summaries in memory); `onFailure` is called once if a later write fails.
   */
  static async open(
    dir: string,
    limits: Partial<FileStoreLimits>,
    onFailure: (error: unknown) => void,
  ): Promise<FileStore> {
    const store = new FileStore(dir, { ...DEFAULT_FILE_STORE_LIMITS, ...limits }, onFailure)
    await mkdir(dir, { recursive: true })
    for (const name of await readdir(dir)) {
      const match = FILE_NAME.exec(name)
      if (!match) continue
      const { size } = await stat(join(dir, name))
      store.dayFiles(match[1]!).parts.push({ part: Number(match[2] ?? 0), bytes: size })
    }
    for (const day of store.days.values()) day.parts.sort((a, b) => a.part - b.part)
    // An unwritable directory is found now, at start, not on the first request.
    await access(dir, constants.W_OK)
    return store
  }

  /** Dates with files, oldest first. */
  dates(): string[] {
    return [...this.days.keys()].sort()
  }

  /** The lines of one day, oldest part first, streamed; over-long lines are skipped and counted in `stats`. */
  async *lines(date: string, stats: ReadLinesStats): AsyncGenerator<string> {
    for (const { part } of [...(this.days.get(date)?.parts ?? [])]) {
      try {
        yield* readLines(join(this.dir, fileName(date, part)), this.limits.maxLineBytes, stats)
      } catch {
        // A part deleted or unreadable since it was listed: its lines are lost, the others are read.
      }
    }
  }

  /** Queues a line (without its newline) for `date`'s file. Never throws; a line that cannot go is counted. */
  append(date: string, line: string): void {
    if (this.failed) return this.drop('write-failed')
    const bytes = Buffer.byteLength(line) + 1
    if (bytes > this.limits.maxLineBytes) return this.drop('line-too-long')
    if (this.pendingBytes + bytes > this.limits.maxPendingBytes) return this.drop('backlog')
    this.pending.push({ date, line })
    this.pendingBytes += bytes
    this.writing ??= this.writeLoop()
  }

  /** Resolves when every line queued so far is written (or dropped). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing
  }

  /** Deletes the files of days before `oldest` (a `YYYY-MM-DD` date). */
  async prune(oldest: string): Promise<void> {
    for (const date of this.dates()) if (date < oldest) await this.deleteDay(date)
  }

  private async writeLoop(): Promise<void> {
    while (this.pending.length > 0 && !this.failed) {
      const batch = this.pending
      this.pending = []
      this.pendingBytes = 0
      const byDate = new Map<string, string[]>()
      for (const { date, line } of batch) {
        const lines = byDate.get(date) ?? []
        lines.push(line)
        byDate.set(date, lines)
      }
      for (const [date, lines] of byDate) await this.writeDay(date, lines)
    }
    this.writing = null
  }

  /** Appends a day's lines, starting new parts at the file cap and stopping at the day cap. */
  private async writeDay(date: string, lines: string[]): Promise<void> {
    const day = this.dayFiles(date)
    let chunk = ''
    let chunkBytes = 0
    let chunkLines = 0
    let last = day.parts.at(-1) ?? { part: 0, bytes: 0 }
    if (day.parts.length === 0) day.parts.push(last)
    const write = async () => {
      if (chunkBytes === 0) return
      try {
        await appendFile(join(this.dir, fileName(date, last.part)), chunk)
      } catch (error) {
        this.fail(error, chunkLines)
        return
      }
      last.bytes += chunkBytes
      this.stats.bytesWritten += chunkBytes
      this.stats.linesWritten += chunkLines
      chunk = ''
      chunkBytes = 0
      chunkLines = 0
    }
    let dayBytes = day.parts.reduce((sum, p) => sum + p.bytes, 0)
    for (const line of lines) {
      const bytes = Buffer.byteLength(line) + 1
      if (dayBytes + chunkBytes + bytes > this.limits.maxDayBytes) {
        this.drop('day-full')
        continue
      }
      if (last.bytes + chunkBytes + bytes > this.limits.maxFileBytes && last.bytes + chunkBytes > 0) {
        await write()
        if (this.failed) return
        dayBytes = day.parts.reduce((sum, p) => sum + p.bytes, 0)
        last = { part: last.part + 1, bytes: 0 }
        day.parts.push(last)
      }
      chunk += `${line}\n`
      chunkBytes += bytes
      chunkLines++
    }
    await write()
    await this.keepUnderTotal(date)
  }

  /** Deletes whole days, oldest first and never `today`, while the files pass `maxTotalBytes`. */
  private async keepUnderTotal(today: string): Promise<void> {
    let total = 0
    for (const day of this.days.values()) for (const p of day.parts) total += p.bytes
    for (const date of this.dates()) {
      if (total <= this.limits.maxTotalBytes || date >= today) return
      total -= this.days.get(date)!.parts.reduce((sum, p) => sum + p.bytes, 0)
      await this.deleteDay(date)
    }
  }

  private async deleteDay(date: string): Promise<void> {
    for (const { part } of this.days.get(date)?.parts ?? []) {
      try {
        await unlink(join(this.dir, fileName(date, part)))
        this.stats.filesDeleted++
      } catch {
        // Already gone (another process pruned it first).
      }
    }
    this.days.delete(date)
  }

  private dayFiles(date: string): DayFiles {
    let day = this.days.get(date)
    if (!day) {
      day = { parts: [] }
      this.days.set(date, day)
    }
    return day
  }

  private fail(error: unknown, lost: number): void {
    this.failed = error
    this.stats.droppedLines['write-failed'] =
      (this.stats.droppedLines['write-failed'] ?? 0) + lost + this.pending.length
    this.pending = []
    this.pendingBytes = 0
    this.onFailure(error)
  }

  private drop(reason: string): void {
    this.stats.droppedLines[reason] = (this.stats.droppedLines[reason] ?? 0) + 1
  }
}
