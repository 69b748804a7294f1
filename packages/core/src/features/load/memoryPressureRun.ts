import { mib, type MemoryPressureResult, type ResolvedMemoryPressure } from './memoryPressure.ts'
import { pageLoadBudget } from './pageLoadBudget.ts'

/** Browsers commit memory by page: touching one byte in each 4 KiB page makes the whole buffer resident. */
const PAGE_BYTES = 4096

/**
 * Holds the memory of one run. Steps and release are scheduled through the run's own timer (so a stop clears
 * them); the buffers are typed arrays with every page touched, so the memory is committed, not just reserved.
 * `release()` drops every reference at once.
 */
export class MemoryPressure {
  private held: Uint8Array[] = []
  private heldBytes = 0
  private peakHeldBytes = 0
  private stepsDone = 0
  private heapPeak: number | null = null
  private readonly heapBefore = heapUsed()
  private readonly page = pageLoadBudget()

  constructor(
    private readonly spec: ResolvedMemoryPressure,
    private readonly timer: (fn: () => void, ms: number) => void,
    private readonly onError: (message: string) => void,
    /** `maxMemoryBytes`: what the whole page may hold, every run's memory pressure together. */
    private readonly pageCap: number = Infinity,
  ) {}

  start(): void {
    for (let step = 0; step < this.spec.steps; step++) this.timer(() => this.step(), step * this.spec.stepMs)
    this.timer(() => this.release(), this.spec.steps * this.spec.stepMs + this.spec.holdMs)
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.heldBytes
  }

  /** Drops every buffer: from here the garbage collector may take them back. */
  release(): void {
    this.sampleHeap()
    this.page.memoryHeld -= this.heldBytes
    this.held = []
    this.heldBytes = 0
  }

  result(): MemoryPressureResult {
    return {
      peakHeldBytes: this.peakHeldBytes,
      stepsDone: this.stepsDone,
      heapBefore: this.heapBefore,
      heapPeak: this.heapPeak,
      heapAfter: heapUsed(),
      heldAfterBytes: this.heldBytes,
    }
  }

  private step(): void {
    const bytes = Math.min(this.spec.stepBytes, this.spec.totalBytes - this.stepsDone * this.spec.stepBytes)
    if (this.page.memoryHeld + bytes > this.pageCap) {
      return this.onError(
        `memory pressure would hold ${mib(this.page.memoryHeld + bytes)} MiB on the page, over the ${mib(this.pageCap)} MiB cap (other runs on the page hold ${mib(this.page.memoryHeld - this.heldBytes)} MiB)`,
      )
    }
    let buffer: Uint8Array
    try {
      buffer = new Uint8Array(bytes)
    } catch (error) {
      return this.onError(
        `memory pressure could not allocate ${mib(bytes)} MiB more: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
    for (let i = 0; i < bytes; i += PAGE_BYTES) buffer[i] = 1
    this.held.push(buffer)
    this.stepsDone++
    this.heldBytes += bytes
    this.page.memoryHeld += bytes
    this.peakHeldBytes = Math.max(this.peakHeldBytes, this.heldBytes)
    this.sampleHeap()
  }

  private sampleHeap(): void {
    const heap = heapUsed()
    if (heap !== null) this.heapPeak = Math.max(this.heapPeak ?? 0, heap)
  }
}

/** `performance.memory.usedJSHeapSize` (Chromium), or null where the browser does not say. */
export function heapUsed(): number | null {
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory
  return memory ? memory.usedJSHeapSize : null
}
