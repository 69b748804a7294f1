/**
 * Items recorded on the app's side before the code that aggregates them has loaded (it arrives at the first
 * idle moment): kept in order, at most `max` (the oldest dropped beyond), and handed over when it attaches.
 */
export class LateQueue<T> {
  private pending: T[] = []
  private sink: ((item: T) => void) | null = null

  constructor(private readonly max: number) {}

  push(item: T): void {
    if (this.sink) return this.sink(item)
    if (this.pending.length >= this.max) this.pending.shift()
    this.pending.push(item)
  }

  /** Hands over what was kept, then every later item, to `sink`; null detaches it (later items are kept again). */
  attach(sink: ((item: T) => void) | null): void {
    const pending = this.pending
    this.pending = []
    if (sink) for (const item of pending) sink(item)
    this.sink = sink
  }
}
