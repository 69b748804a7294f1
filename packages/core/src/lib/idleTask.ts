import { whenIdle } from './whenIdle.ts'

/**
 * Coalesces work into one idle callback: `schedule()` any number of times, `fn` runs once when the page is idle.
 * Observer callbacks only aggregate; summaries are computed and published here, off the app's critical path.
 */
export class IdleTask {
  private cancel: (() => void) | null = null

  constructor(private readonly fn: () => void) {}

  schedule(): void {
    if (this.cancel) return
    this.cancel = whenIdle(() => {
      this.cancel = null
      this.fn()
    })
  }

  /** Runs pending work now (e.g. before stop or for a snapshot). */
  flush(): void {
    if (!this.cancel) return
    this.cancel()
    this.cancel = null
    this.fn()
  }

  dispose(): void {
    this.cancel?.()
    this.cancel = null
  }
}
