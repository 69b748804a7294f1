import { Histogram } from './histogram.ts'
import type { StatSummary, WindowedStats } from '../types.ts'

/**
 * A histogram over a sliding time window, kept as a ring of slices. Time advances only when a value is added
 * or a summary is asked for (no timers), and memory is bounded by the number of slices.
 *
 * The window's counts are kept as values arrive and as slices leave it, rather than merged from every slice for
 * each summary: an endpoint's last-minute figures are read at every publish (ten times a second while the overlay
 * is open), and merging six slices of a few hundred buckets each was most of the cost of that.
 */
export class RollingHistogram {
  private readonly slices: Histogram[]
  private readonly sliceIds: Float64Array
  /** Which slices' counts {@link window} holds. */
  private readonly counted: boolean[]
  private readonly window = new Histogram()
  private readonly sliceMs: number

  constructor(
    readonly windowMs: number,
    private readonly sliceCount: number,
  ) {
    this.slices = Array.from({ length: sliceCount }, () => new Histogram())
    this.sliceIds = new Float64Array(sliceCount).fill(-1)
    this.counted = new Array<boolean>(sliceCount).fill(false)
    this.sliceMs = windowMs / sliceCount
  }

  /** Adds `value` observed at time `t` (ms, any monotonic clock). */
  add(value: number, t: number): void {
    const id = Math.floor(t / this.sliceMs)
    const i = id % this.sliceCount
    const slice = this.slices[i]!
    if (this.sliceIds[i] !== id) {
      this.uncount(i)
      slice.reset()
      this.sliceIds[i] = id
      this.counted[i] = true
    }
    slice.add(value)
    this.window.add(value)
  }

  /** The values of the window that ends at `t`, in one histogram (kept between calls: read it at once, never change it). */
  at(t: number): Histogram {
    const newest = Math.floor(t / this.sliceMs)
    const oldest = newest - this.sliceCount + 1
    const h = this.window
    h.sum = 0
    h.min = Infinity
    h.max = -Infinity
    for (let i = 0; i < this.sliceCount; i++) {
      const id = this.sliceIds[i]!
      const slice = this.slices[i]!
      if (!this.counted[i]) {
        // A slice that left the window is back in it only when asked about an earlier time than before.
        if (id >= oldest && id <= newest && slice.count > 0) return this.merged(oldest, newest)
        continue
      }
      // A slice ahead of `t` (a value stamped later than the time asked about) stays for a later call.
      if (id > newest) return this.merged(oldest, newest)
      if (id < oldest) {
        this.uncount(i)
        continue
      }
      h.sum += slice.sum
      if (slice.min < h.min) h.min = slice.min
      if (slice.max > h.max) h.max = slice.max
    }
    return h
  }

  summary(t: number): StatSummary {
    return this.at(t).summary()
  }

  private uncount(i: number): void {
    if (!this.counted[i]) return
    this.counted[i] = false
    this.window.subtractCounts(this.slices[i]!)
  }

  /** The window from slice `oldest` to `newest` merged slice by slice, for a time earlier than the last one. */
  private merged(oldest: number, newest: number): Histogram {
    const h = new Histogram()
    for (let i = 0; i < this.sliceCount; i++) {
      const id = this.sliceIds[i]!
      if (id >= oldest && id <= newest) h.merge(this.slices[i]!)
    }
    return h
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
