import { buildReport, type PerfReport } from '@perfscope/core'
import { emptySnapshot } from '../../src/createMonitor.ts'
import type { EndpointStats, StatSummary } from '../../src/types.ts'

export function summary(p95: number, count = 100): StatSummary {
  return {
    count,
    min: p95 / 4,
    max: p95 * 2,
    mean: p95 / 2,
    p50: p95 / 2,
    p75: p95 * 0.7,
    p90: p95 * 0.9,
    p95,
    p99: p95 * 1.5,
  }
}

export function endpoint(key: string, p95: number, count = 100, errorRate = 0): EndpointStats {
  return {
    key,
    count,
    rate: count / 60,
    errors: Math.round(count * errorRate),
    errorRate,
    latency: summary(p95, count),
    bytes: 1000,
    lastStatus: 200,
    health: 'healthy',
    runaway: { active: false, reason: null },
  }
}

/** A report as `monitor.export('json')` writes it, with the given figures. */
export function report(options: { lcp?: number; endpoints?: EndpointStats[] } = {}): PerfReport {
  const snapshot = emptySnapshot()
  snapshot.vitals = {
    LCP: {
      value: options.lcp ?? 1800,
      rating: (options.lcp ?? 1800) <= 2500 ? 'good' : (options.lcp ?? 1800) <= 4000 ? 'needs-improvement' : 'poor',
      attribution: { element: '#hero' },
      at: 1,
    },
    CLS: { value: 0.02, rating: 'good', attribution: {}, at: 1 },
  }
  snapshot.endpoints = options.endpoints ?? [
    endpoint('GET /api/items', 80),
    endpoint('POST /api/orders', 150, 20, 0.05),
  ]
  return buildReport(
    snapshot,
    [
      { endpoint: 'GET /api/items', startedAt: Date.UTC(2026, 10, 24, 9), durationMs: 42.5, status: 200, kind: 'ok' },
      {
        endpoint: 'POST /api/orders',
        startedAt: Date.UTC(2026, 10, 24, 9, 0, 1),
        durationMs: 120,
        status: null,
        kind: 'network',
      },
    ],
    new Date(Date.UTC(2026, 10, 24, 10)),
  )
}
