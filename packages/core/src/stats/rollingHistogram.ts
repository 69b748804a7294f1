import { Histogram } from './histogram.ts'
import type { StatSummary, WindowedStats } from '../types.ts'

/**
 * A histogram over a sliding time window, kept as a ring of slices. Time advances only when a value is added
 * or a summary is asked for (no timers), and memory is bounded by the number of slices.
 */
export class RollingHistogram {
  private readonly slices: Histogram[]
  private readonly sliceIds: Float64Array
  private readonly scratch = new Histogram()
  private readonly sliceMs: number

  constructor(
    readonly windowMs: number,
    private readonly sliceCount: number,
  ) {
    this.slices = Array.from({ length: sliceCount }, () => new Histogram())
    this.sliceIds = new Float64Array(sliceCount).fill(-1)
    this.sliceMs = windowMs / sliceCount
  }

  /** Adds `value` observed at time `t` (ms, any monotonic clock). */
  add(value: number, t: number): void {
    const id = Math.floor(t / this.sliceMs)
    const i = id % this.sliceCount
    if (this.sliceIds[i] !== id) {
      this.slices[i]!.reset()
      this.sliceIds[i] = id
    }
    this.slices[i]!.add(value)
  }

  /** The values of the window that ends at `t`, merged into one histogram (reused between calls: read it at once). */
  at(t: number): Histogram {
    const newest = Math.floor(t / this.sliceMs)
    const oldest = newest - this.sliceCount + 1
    const h = this.scratch
    h.reset()
    for (let i = 0; i < this.sliceCount; i++) {
      const id = this.sliceIds[i]!
      if (id >= oldest && id <= newest) h.merge(this.slices[i]!)
    }
    return h
  }

  summary(t: number): StatSummary {
    return this.at(t).summary()
  }
}

/** Last minute (6 × 10 s slices), last 5 minutes (10 × 30 s) and the whole session of one metric. */
export class WindowedHistogram {
  readonly lastMinute = new RollingHistogram(60_000, 6)
  readonly last5Minutes = new RollingHistogram(300_000, 10)
  readonly session = new Histogram()

  add(value: number, t: number): void {
    this.lastMinute.add(value, t)
    this.last5Minutes.add(value, t)
    this.session.add(value)
  }

  summary(t: number): WindowedStats {
    return {
      lastMinute: this.lastMinute.summary(t),
      last5Minutes: this.last5Minutes.summary(t),
      session: this.session.summary(),
    }
  }
}
