import type { StatSummary } from '../types.ts'
import { emptySummary } from './emptySummary.ts'

/**
 * Relative accuracy of every quantile the histogram reports. Buckets grow by a factor of
 * (1 + α) / (1 - α), so any value inside a bucket is within α of the bucket's representative value
 * (the DDSketch construction: https://arxiv.org/abs/1908.10693). 0.5 % keeps us inside the ≤ 1 % goal.
 */
export const HISTOGRAM_RELATIVE_ACCURACY = 0.005

/** Values below this (ms or any unit) are counted in one "zero" bucket; they are too small to matter. */
export const HISTOGRAM_MIN_VALUE = 1e-3

const GAMMA = (1 + HISTOGRAM_RELATIVE_ACCURACY) / (1 - HISTOGRAM_RELATIVE_ACCURACY)
const LOG_GAMMA = Math.log(GAMMA)
/** Enough buckets to span HISTOGRAM_MIN_VALUE .. ~1e9 with the accuracy above; beyond that values clamp. */
const MAX_BUCKETS = Math.ceil(Math.log(1e12) / LOG_GAMMA)
const INDEX_OFFSET = Math.ceil(Math.log(HISTOGRAM_MIN_VALUE) / LOG_GAMMA)

/** Percentiles every summary carries. */
export const SUMMARY_QUANTILES = [0.5, 0.75, 0.9, 0.95, 0.99] as const

/**
 * A streaming, mergeable, log-bucketed histogram with bounded memory (one counter per occupied bucket range,
 * at most a few thousand). Quantiles are within {@link HISTOGRAM_RELATIVE_ACCURACY} of the exact value.
 */
export class Histogram {
  count = 0
  sum = 0
  min = Infinity
  max = -Infinity
  private zeroCount = 0
  /** Dense counts for bucket indexes [lo, lo + counts.length); grown on demand. */
  private counts: Uint32Array = new Uint32Array(0)
  private lo = 0

  /** Adds one value. Negative and non-finite values are ignored (durations and sizes are never negative). */
  add(value: number): void {
    if (!(value >= 0) || value === Infinity) return
    this.count++
    this.sum += value
    if (value < this.min) this.min = value
    if (value > this.max) this.max = value
    if (value < HISTOGRAM_MIN_VALUE) {
      this.zeroCount++
      return
    }
    // The bucket's index, and its count when it is in range, written out: a histogram takes several values per
    // request of a polling app, and each call costs more than the arithmetic while the engine has not optimised it.
    let index = Math.ceil(Math.log(value) / LOG_GAMMA) - INDEX_OFFSET
    if (index < 0) index = 0
    else if (index >= MAX_BUCKETS) index = MAX_BUCKETS - 1
    const at = index - this.lo
    if (at >= 0 && at < this.counts.length) this.counts[at]!++
    else this.increment(index, 1)
  }

  /** Adds every value counted in `other` into this histogram. */
  merge(other: Histogram): void {
    if (other.count === 0) return
    this.count += other.count
    this.sum += other.sum
    this.zeroCount += other.zeroCount
    if (other.min < this.min) this.min = other.min
    if (other.max > this.max) this.max = other.max
    // Buckets inside this histogram's range are added in place; a rolling window merges its slices at each publish.
    const c = other.counts
    for (let i = 0; i < c.length; i++) {
      const n = c[i]!
      if (n === 0) continue
      const at = other.lo + i - this.lo
      if (at >= 0 && at < this.counts.length) this.counts[at]! += n
      else this.increment(other.lo + i, n)
    }
  }

  /**
   * Takes away the counts of `other`, whose values this histogram holds (it was merged in, or added value by value):
   * a rolling window drops a slice that left it this way. Only the counts are kept exact; `min`, `max` and `sum` are
   * the caller's to set.
   */
  subtractCounts(other: Histogram): void {
    if (other.count === 0) return
    this.count -= other.count
    this.zeroCount -= other.zeroCount
    const c = other.counts
    for (let i = 0; i < c.length; i++) {
      const n = c[i]!
      if (n !== 0) this.counts[other.lo + i - this.lo]! -= n
    }
  }

  /** Forgets every value, keeping the allocated buckets for reuse. */
  reset(): void {
    this.count = 0
    this.sum = 0
    this.min = Infinity
    this.max = -Infinity
    this.zeroCount = 0
    this.counts.fill(0)
  }

  /** The value at quantile `q` (0..1), or null when empty. The exact min and max are returned at the ends. */
  quantile(q: number): number | null {
    return this.count === 0 ? null : this.quantiles([q])[0]!
  }

  /**
   * The values at ascending quantiles (0..1) of a histogram that is not empty, in one pass over the buckets: a
   * summary reads five of every endpoint's histograms at each publish.
   */
  quantiles(qs: readonly number[]): number[] {
    const values: number[] = []
    const c = this.counts
    let seen = this.zeroCount
    let i = 0
    for (const q of qs) {
      // Rank of the wanted value, 0-based, as in the nearest-rank method.
      const rank = Math.max(0, Math.ceil(q * this.count) - 1)
      if (q >= 1) values.push(this.max)
      else if (q <= 0 || rank < this.zeroCount) values.push(this.min)
      else {
        while (i < c.length && seen + c[i]! <= rank) seen += c[i++]!
        values.push(i < c.length ? clamp(bucketValue(this.lo + i), this.min, this.max) : this.max)
      }
    }
    return values
  }

  summary(): StatSummary {
    if (this.count === 0) return emptySummary()
    const q = this.quantiles(SUMMARY_QUANTILES)
    return {
      count: this.count,
      min: this.min,
      max: this.max,
      mean: this.sum / this.count,
      p50: q[0]!,
      p75: q[1]!,
      p90: q[2]!,
      p95: q[3]!,
      p99: q[4]!,
    }
  }

  private increment(index: number, n: number): void {
    let c = this.counts
    if (c.length === 0) {
      this.lo = index
      c = this.counts = new Uint32Array(16)
    } else if (index < this.lo || index >= this.lo + c.length) {
      const lo = Math.min(this.lo, index)
      const hi = Math.max(this.lo + c.length, index + 1)
      // Grow with headroom on the side that grew, so a drifting range does not reallocate per new bucket.
      const size = Math.min(MAX_BUCKETS, Math.max(hi - lo, c.length * 2))
      const newLo = Math.max(0, Math.min(index < this.lo ? hi - size : lo, MAX_BUCKETS - size))
      const grown = new Uint32Array(size)
      grown.set(c, this.lo - newLo)
      this.counts = c = grown
      this.lo = newLo
    }
    c[index - this.lo]! += n
  }
}

/** The representative value of a bucket: the one whose relative distance to both edges is α. */
function bucketValue(index: number): number {
  return (2 * Math.pow(GAMMA, index + INDEX_OFFSET)) / (GAMMA + 1)
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v
}
