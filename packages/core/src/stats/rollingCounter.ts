/**
 * Counts events over a sliding time window in a fixed ring of slices (no timers, no per-event memory).
 * Used for "requests in the last minute" and "reconnects in the last minute".
 */
export class RollingCounter {
  private readonly counts: Float64Array
  private readonly ids: Float64Array
  private readonly sliceMs: number

  constructor(
    readonly windowMs: number,
    private readonly sliceCount: number,
  ) {
    this.counts = new Float64Array(sliceCount)
    this.ids = new Float64Array(sliceCount).fill(-1)
    this.sliceMs = windowMs / sliceCount
  }

  /** Adds `n` events at time `t` (ms). */
  add(t: number, n = 1): void {
    const id = Math.floor(t / this.sliceMs)
    const i = id % this.sliceCount
    if (this.ids[i] !== id) {
      this.ids[i] = id
      this.counts[i] = 0
    }
    this.counts[i]! += n
  }

  /** Events in the window that ends at `t`. */
  total(t: number): number {
    const newest = Math.floor(t / this.sliceMs)
    const oldest = newest - this.sliceCount + 1
    let sum = 0
    for (let i = 0; i < this.sliceCount; i++) {
      const id = this.ids[i]!
      if (id >= oldest && id <= newest) sum += this.counts[i]!
    }
    return sum
  }
}
