import type { MemoryPressureResult } from './memoryPressure.ts'
import type { LoadEndpointResult, LoadSecond } from './results.ts'
import type { SlowNetworkResult } from './slowNetwork.ts'

export interface FindingsInput {
  timeline: readonly LoadSecond[]
  endpoints: readonly LoadEndpointResult[]
  /** Endpoints in the order they first failed, with the run time (ms) of their first error. */
  firstErrors: ReadonlyArray<{ key: string; at: number }>
  heapBefore: number | null
  heapAfter: number | null
  memory?: MemoryPressureResult | null
  fault?: SlowNetworkResult | null
}

/** p95 this many times the early baseline marks the knee of the latency curve. */
const KNEE_FACTOR = 2
/** Heap still this much above where it started after a run: memory that did not come back. */
const HEAP_GROWTH = 0.2

/** A few plain sentences about a finished run: the knee of the latency curve, the first endpoint to fail, memory kept. */
export function findings(input: FindingsInput): string[] {
  const out: string[] = []
  const seconds = input.timeline.filter((s) => s.requests > 0 && s.p95 !== null)
  if (seconds.length >= 4) {
    const early = seconds.slice(0, Math.max(2, Math.floor(seconds.length / 4))).map((s) => s.p95!)
    const baseline = early.sort((a, b) => a - b)[Math.floor(early.length / 2)]!
    const knee = seconds.find((s) => s.p95! > baseline * KNEE_FACTOR && s.p95! - baseline > 5)
    if (knee) {
      out.push(
        `Latency knee at about ${knee.started || knee.requests} requests/s: p95 rose from ${Math.round(baseline)} ms to ${Math.round(knee.p95!)} ms at ${knee.second} s.`,
      )
    }
  }
  const first = input.firstErrors[0]
  if (first) {
    const endpoint = input.endpoints.find((e) => e.key === first.key)
    const kinds = endpoint
      ? Object.entries(endpoint.errorsByKind)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')
      : ''
    out.push(
      `${first.key} was the first endpoint to fail, at ${(first.at / 1000).toFixed(1)} s${kinds ? ` (${kinds})` : ''}.`,
    )
  }
  if (input.memory) out.push(memoryFinding(input.memory))
  else if (
    input.heapBefore &&
    input.heapAfter &&
    (input.heapAfter - input.heapBefore) / input.heapBefore > HEAP_GROWTH
  ) {
    const growth = Math.round(((input.heapAfter - input.heapBefore) / input.heapBefore) * 100)
    out.push(`The JS heap ended ${growth} % above where it started: memory that did not come back.`)
  }
  if (input.fault) {
    const f = input.fault
    out.push(
      `Slow network delayed ${f.delayed} of the app's requests by ${f.latencyMs} ± ${f.jitterMs} ms and failed ${f.failed} (${Math.round(f.failureRate * 100)} % asked): the app's endpoints and errors above show how it coped.`,
    )
  }
  if (out.length === 0) out.push('No knee, no failing endpoint, and memory came back: the app held this load.')
  return out
}

const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`

/** Held at the peak, and whether the JS heap came back after the release. */
function memoryFinding(m: MemoryPressureResult): string {
  const held = `Memory pressure held up to ${mib(m.peakHeldBytes)} in ${m.stepsDone} step${m.stepsDone === 1 ? '' : 's'}`
  if (m.heapBefore === null || m.heapAfter === null)
    return `${held} and released it; this browser does not report the JS heap.`
  const heap = `the JS heap went from ${mib(m.heapBefore)} to a peak of ${mib(m.heapPeak ?? m.heapAfter)} and ended at ${mib(m.heapAfter)}`
  return (m.heapAfter - m.heapBefore) / m.heapBefore > HEAP_GROWTH
    ? // Measured in Chromium: an idle page may not collect 128 MiB of released buffers for 25 s and more.
      `${held}; ${heap}: memory that did not come back after the release (the garbage collector may not have run yet; a heap that keeps climbing over runs is a leak).`
    : `${held}; ${heap}: memory came back after the release.`
}
