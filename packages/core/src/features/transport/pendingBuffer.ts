import type { Sample } from '../../types.ts'

/**
 * Samples waiting for a request to ride on. Bounded: when full, the oldest sample is dropped and counted, so a
 * page that makes no requests for an hour holds at most `capacity` samples.
 */
export class PendingBuffer {
  /**
   * The samples from `head` on; the slots before it are emptied as samples leave, so a dropped or sent sample is
   * garbage at once rather than at the next compaction (up to a thousand of them, about 100 KiB).
   */
  private items: (Sample | undefined)[] = []
  private head = 0
  /** Dropped since the last batch that carried the count. */
  dropped = 0
  /** Bumped on every change, so an encoded batch can tell it is stale. */
  version = 0

  /** `capacity` may change: the transport holds fewer samples while no server has said it takes them. */
  constructor(public capacity: number) {}

  get size(): number {
    return this.items.length - this.head
  }

  push(sample: Sample): void {
    // The size written out: this runs once per sample.
    while (this.items.length - this.head >= this.capacity) {
      this.items[this.head++] = undefined
      this.dropped++
    }
    this.items.push(sample)
    this.version++
    // Compact now and then instead of shifting on every drop.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
  }

  /** The oldest `n` samples, without removing them. */
  peek(n: number): Sample[] {
    return this.items.slice(this.head, this.head + n) as Sample[]
  }

  /** Removes the oldest `n` samples (they went out, or were given up). */
  take(n: number): void {
    const end = this.head + Math.min(n, this.size)
    this.items.fill(undefined, this.head, end)
    this.head = end
    this.version++
    if (this.head === this.items.length) {
      this.items = []
      this.head = 0
    }
  }
}
