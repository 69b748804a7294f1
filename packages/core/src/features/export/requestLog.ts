import type { Sample } from '../../types.ts'
import type { LoggedRequest } from './report.ts'

/** Requests kept for the HAR export; older ones drop off so memory stays flat. */
export const REQUEST_LOG_SIZE = 500

/**
 * The network log behind HAR: the last requests, from the samples the interceptors emit (`http.*`). The samples
 * are kept as they are and read into requests only when the log is listed: an export is rare, a request of a
 * polling app is not.
 */
export class RequestLog {
  private readonly samples: Sample[] = []
  private next = 0

  constructor(
    private readonly timeOrigin: number,
    readonly capacity = REQUEST_LOG_SIZE,
  ) {}

  add(samples: readonly Sample[]): void {
    for (const sample of samples) {
      if (!sample.key.startsWith('http.')) continue
      if (this.samples.length < this.capacity) this.samples.push(sample)
      else this.samples[this.next] = sample
      this.next = (this.next + 1) % this.capacity
    }
  }

  /** Oldest first. */
  list(): LoggedRequest[] {
    const samples = this.samples
    const ordered =
      samples.length < this.capacity ? samples : [...samples.slice(this.next), ...samples.slice(0, this.next)]
    return ordered.map((sample) => this.request(sample))
  }

  private request(sample: Sample): LoggedRequest {
    const status = Number(sample.tags?.status)
    return {
      endpoint: sample.key.slice(5),
      startedAt: this.timeOrigin + sample.t,
      durationMs: sample.v,
      status: Number.isFinite(status) && status > 0 ? status : null,
      kind: sample.tags?.kind ?? 'ok',
    }
  }
}
