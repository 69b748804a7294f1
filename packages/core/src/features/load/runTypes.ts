import type { MemoryPressureResult } from './memoryPressure.ts'
import type { LatencySummary, LoadEndpointResult, LoadErrorKind, LoadSecond, LoadThresholdResult } from './results.ts'
import type { SlowNetworkResult } from './slowNetwork.ts'

/**
 * What a load run reports, apart from the runner that produces it: the eager parts of perfscope (the simulator's
 * front, history, budgets, the CLI) use these types and the header name without loading the runner's chunk.
 */

/** The request header that marks the simulator's traffic, so servers and the client keep it apart from the app's own. */
export const LOAD_HEADER = 'X-Perfscope-Load'

export type LoadRunStatus = 'completed' | 'stopped' | 'auto-stopped' | 'threshold-failed' | 'error'

/** A finished run: what the panel shows and `exportRun()` writes. Durations in ms. */
export interface LoadRunResult {
  runId: string
  scenario: string
  executor: string
  startedAt: number
  durationMs: number
  status: LoadRunStatus
  /** Why the run ended early (emergency stop, auto-stop limit, threshold, scenario error), else null. */
  reason: string | null
  requests: number
  rps: number
  errorRate: number
  latency: LatencySummary
  errorsByKind: Partial<Record<LoadErrorKind, number>>
  endpoints: LoadEndpointResult[]
  thresholds: LoadThresholdResult[]
  /** True when every threshold passed (no-data counts as a failure, as a threshold that saw nothing proves nothing). */
  passed: boolean
  /** Arrival-rate runs: iterations not started because the concurrency cap was reached. */
  droppedIterations: number
  timeline: LoadSecond[]
  findings: string[]
  /** Memory pressure: bytes held at the peak, JS heap before / peak / after; null without a `memory` part. */
  memory: MemoryPressureResult | null
  /** Slow network: app requests delayed and failed; null without a `fault` part. */
  fault: SlowNetworkResult | null
}

/** Live state of the current run, published as `snapshot().load.active`. */
export interface LoadProgress {
  runId: string
  scenario: string
  elapsedMs: number
  durationMs: number
  activeUsers: number
  inFlight: number
  requests: number
  /** Requests completed in the last full second. */
  rps: number
  errorRate: number
  p50: number | null
  p95: number | null
  p99: number | null
  /** Bytes memory pressure holds now (0 without a `memory` part, and after release or stop). */
  memoryHeldBytes: number
  /** Slow network so far: app requests delayed, failed, and waiting now; null without a `fault` part. */
  fault: { delayed: number; failed: number; waiting: number } | null
}
