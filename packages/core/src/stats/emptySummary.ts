import type { StatSummary } from '../types.ts'

/** A summary with no values (its own module: the eager snapshot slices need it, not the histogram). */
export function emptySummary(): StatSummary {
  return { count: 0, min: null, max: null, mean: null, p50: null, p75: null, p90: null, p95: null, p99: null }
}
