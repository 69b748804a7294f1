import type { PerfReport } from '../../features/export/report.ts'
import type { LoadRunResult } from '../../features/load/runTypes.ts'
import type { EndpointStats, StatSummary } from '../../types.ts'

/** A string that would run script, load a resource or break out of an attribute if it were not escaped. */
export const HOSTILE = `"><img src=x onerror="fetch('http://127.0.0.1:9/steal')"><script>fetch('//x')</script><a href='javascript:alert(1)'>`

const stat = (p95: number, count = 100): StatSummary => ({
  count,
  min: p95 / 5,
  max: p95 * 2,
  mean: p95 / 2,
  p50: p95 / 2,
  p75: p95 * 0.8,
  p90: p95 * 0.9,
  p95,
  p99: p95 * 1.4,
})

const endpoint = (
  key: string,
  p95: number,
  health: EndpointStats['health'] = 'healthy',
  errorRate = 0,
): EndpointStats => ({
  key,
  count: 120,
  rate: 2,
  errors: Math.round(120 * errorRate),
  errorRate,
  latency: stat(p95),
  bytes: 4000,
  lastStatus: 200,
  health,
  runaway: { active: false, reason: null },
})

/** A 60-second load run whose latency climbs from 40 to about 640 ms, with one failed threshold. */
export function sampleRun(scenario = 'checkout ramp'): LoadRunResult {
  const timeline = Array.from({ length: 60 }, (_, s) => ({
    second: s,
    requests: 20 + s,
    started: 22 + s * 1.1,
    errors: s > 45 ? 3 : 0,
    p95: 40 + s * s * 0.17,
  }))
  return {
    runId: 'run-42',
    scenario,
    executor: 'ramping-vus',
    startedAt: Date.UTC(2026, 10, 24, 9, 30),
    durationMs: 60_000,
    status: 'threshold-failed',
    reason: 'threshold p(95)<500 failed',
    requests: 3000,
    rps: 50,
    errorRate: 0.012,
    latency: { avg: 180, p50: 120, p90: 420, p95: 560, p99: 700, max: 910 },
    errorsByKind: { http5xx: 36 },
    endpoints: [
      {
        key: 'GET /api/items',
        requests: 2000,
        rps: 33.3,
        errors: 0,
        errorsByKind: {},
        latency: { avg: 90, p50: 80, p90: 200, p95: 260, p99: 320, max: 400 },
      },
      {
        key: 'POST /api/orders',
        requests: 1000,
        rps: 16.7,
        errors: 36,
        errorsByKind: { http5xx: 36 },
        latency: { avg: 300, p50: 250, p90: 600, p95: 680, p99: 800, max: 910 },
      },
    ],
    thresholds: [
      { metric: 'http_req_duration', endpoint: null, expression: 'p(95)<500', status: 'fail', actual: 560 },
      { metric: 'http_req_failed', endpoint: null, expression: 'rate<0.05', status: 'pass', actual: 0.012 },
    ],
    passed: false,
    droppedIterations: 0,
    timeline,
    findings: ['Latency rose from 40 ms to 640 ms as load grew past 45 requests per second.'],
    memory: null,
    fault: null,
  }
}

/** A day report as `monitor.export('json')` writes it. */
export function sampleDay(): PerfReport {
  const start = Date.UTC(2026, 10, 24, 9)
  return {
    schema: 'perfscope-report',
    version: 1,
    generatedAt: new Date(Date.UTC(2026, 10, 24, 18)).toISOString(),
    page: 'http://127.0.0.1:5173/dashboard',
    vitals: {
      LCP: { value: 2900, rating: 'needs-improvement', attribution: {} },
      INP: { value: 120, rating: 'good', attribution: {} },
      CLS: { value: 0.31, rating: 'poor', attribution: {} },
    },
    endpoints: [
      endpoint('GET /api/items', 180),
      endpoint('GET /api/users/:id', 420, 'degraded', 0.02),
      endpoint('POST /api/orders', 1300, 'failing', 0.08),
    ],
    channels: [],
    routes: [{ route: '/dashboard', count: 14, duration: stat(300, 14), lastAt: 1 }],
    longTasks: { count: 3, totalMs: 400, duration: stat(150, 3) },
    memory: null as unknown as PerfReport['memory'],
    overhead: null as unknown as PerfReport['overhead'],
    errors: { count: 1, recent: [{ source: 'window', message: 'TypeError: x is undefined', at: 5123 }] },
    requests: Array.from({ length: 240 }, (_, i) => ({
      endpoint: 'GET /api/items',
      startedAt: start + i * 30_000,
      durationMs: 60 + (i % 17) * 12,
      status: 200,
      kind: 'fetch',
    })),
    load: null,
  }
}
