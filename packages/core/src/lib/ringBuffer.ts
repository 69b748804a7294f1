/**
 * A fixed-capacity ring of numbers in a typed array: the newest `capacity` values, oldest first.
 * Used for chart series and recent samples so memory stays flat however long the page runs.
 */
export class RingBuffer {
  private readonly data: Float64Array
  private start = 0
  /** How many values are held (≤ capacity). */
  length = 0

  constructor(readonly capacity: number) {
    this.data = new Float64Array(capacity)
  }

  push(value: number): void {
    const end = (this.start + this.length) % this.capacity
    this.data[end] = value
    if (this.length < this.capacity) this.length++
    else this.start = (this.start + 1) % this.capacity
  }

  /** The i-th value, oldest first. */
  get(i: number): number {
    return this.data[(this.start + i) % this.capacity]!
  }

  /** Copies the values, oldest first, into a new array (or `into` when given and large enough). */
  toArray(into?: Float64Array): Float64Array {
    const out = into && into.length >= this.length ? into : new Float64Array(this.length)
    const firstPart = Math.min(this.length, this.capacity - this.start)
    out.set(this.data.subarray(this.start, this.start + firstPart), 0)
    if (firstPart < this.length) out.set(this.data.subarray(0, this.length - firstPart), firstPart)
    return out
  }

  clear(): void {
    this.start = 0
    this.length = 0
  }
}
