import type { VitalName } from '../../types.ts'

/**
 * Good / poor boundaries of each Web Vital, as published with the metrics:
 * https://web.dev/articles/vitals#core-web-vitals (LCP, INP, CLS), https://web.dev/articles/fcp,
 * https://web.dev/articles/ttfb. At or under the first: good; over the second: poor.
 */
export const VITAL_THRESHOLDS: Record<VitalName, readonly [good: number, poor: number]> = {
  LCP: [2500, 4000],
  INP: [200, 500],
  CLS: [0.1, 0.25],
  FCP: [1800, 3000],
  TTFB: [800, 1800],
}

/** Same-origin API budgets (the network issue's defaults): p95 latency in ms and error rate as a fraction. */
export const API_P95_MS = [100, 200] as const
export const API_ERROR_RATE = [0.001, 0.01] as const
