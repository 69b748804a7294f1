import type { Sample } from '../../types.ts'
import type { LoggedRequest } from './report.ts'

/** Requests kept for the HAR export; older ones drop off so memory stays flat. */
export const REQUEST_LOG_SIZE = 500

/** The network log behind HAR: the last requests, from the samples the interceptors emit (`http.*`). */
export class RequestLog {
  private readonly entries: LoggedRequest[] = []
  private next = 0

  constructor(
    private readonly timeOrigin: number,
    readonly capacity = REQUEST_LOG_SIZE,
  ) {}

  add(sample: Sample): void {
    if (!sample.key.startsWith('http.')) return
    const status = Number(sample.tags?.status)
    const entry: LoggedRequest = {
      endpoint: sample.key.slice(5),
      startedAt: this.timeOrigin + sample.t,
      durationMs: sample.v,
      status: Number.isFinite(status) && status > 0 ? status : null,
      kind: sample.tags?.kind ?? 'ok',
    }
    if (this.entries.length < this.capacity) this.entries.push(entry)
    else this.entries[this.next] = entry
    this.next = (this.next + 1) % this.capacity
  }

  /** Oldest first. */
  list(): LoggedRequest[] {
    return this.entries.length < this.capacity
      ? [...this.entries]
      : [...this.entries.slice(this.next), ...this.entries.slice(0, this.next)]
  }
}
