import { describe, expect, it } from 'vitest'
import type { EndpointStats } from '@perfscope/core'
import { checkBudgets } from '../panel/budgets.ts'

const endpoint = (p95: number | null, errorRate: number, count = 10): EndpointStats => ({
  key: 'GET /api/x',
  count,
  rate: 1,
  errors: Math.round(errorRate * count),
  errorRate,
  latency: { count, min: 1, max: 900, mean: 120, p50: 100, p75: 150, p90: 300, p95, p99: 800 },
  bytes: 0,
  lastStatus: 200,
  health: 'healthy',
  runaway: { active: false, reason: null },
})

describe('checkBudgets()', () => {
  it('checks latency percentiles in ms and the error rate per endpoint', () => {
    const results = checkBudgets(endpoint(1200, 0.2), ['p(95)<1000', 'rate<0.05', 'med<200'])
    expect(results.map((r) => r.status)).toEqual(['fail', 'fail', 'pass'])
    expect(results[0]!.actual).toBe(1200)
  })

  it('says "no data" for a percentile the summary does not keep or an endpoint without requests', () => {
    expect(checkBudgets(endpoint(100, 0), ['p(42)<10'])[0]!.status).toBe('no-data')
    expect(checkBudgets(endpoint(null, 0, 0), ['p(95)<10', 'rate<0.1']).map((r) => r.status)).toEqual(['no-data', 'no-data'])
  })
})
