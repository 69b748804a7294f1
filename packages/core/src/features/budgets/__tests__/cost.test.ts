import { describe, expect, it } from 'vitest'
import type { LoadRunResult } from '../../load/runTypes.ts'
import { compilePrices, costBreaches, MONTH_MS, projectLoadRun, projectObserved, type CostState } from '../cost.ts'
import { endpoint } from './fixtures.ts'

const prices = compilePrices({
  prices: [
    { match: 'GET /api/*', per1000Calls: 0.5 },
    { match: 'GET /api/files/*', perGB: 0.1 },
  ],
})

function state(projectedMonthly: number, budget = 100): CostState {
  return {
    projectedMonthly,
    byEndpoint: [],
    currency: 'USD',
    budget,
    fraction: projectedMonthly / budget,
    loadRun: null,
  }
}

describe('cost projection', () => {
  it('extrapolates the observed rate to 30 days, per call and per GB', () => {
    const observedMs = 10 * 60_000
    const p = projectObserved(
      prices,
      [
        endpoint('GET /api/items', { count: 600 }),
        endpoint('GET /api/files/:id', { count: 10, bytes: 1e8 }),
        endpoint('GET /free', { count: 5 }),
      ],
      observedMs,
    )
    const scale = MONTH_MS / observedMs
    expect(p.byEndpoint.map((e) => e.key)).toEqual(['GET /api/items', 'GET /api/files/:id'])
    expect(p.byEndpoint[0]!.monthly).toBeCloseTo(((600 * scale) / 1000) * 0.5)
    expect(p.byEndpoint[1]!.monthly).toBeCloseTo(((1e8 * scale) / 1e9) * 0.1)
    expect(p.projectedMonthly).toBeCloseTo(p.byEndpoint[0]!.monthly + p.byEndpoint[1]!.monthly)
  })

  it('projects a load run at its rate, with the app’s bytes per call', () => {
    const run = {
      runId: 'r1',
      endpoints: [{ key: 'GET /api/items', requests: 200, rps: 10, errors: 0, errorsByKind: {}, latency: {} }],
    } as unknown as LoadRunResult
    const p = projectLoadRun(prices, run, [])
    expect(p.byEndpoint[0]!.monthlyCalls).toBe(10 * 30 * 86_400)
    expect(p.projectedMonthly).toBeCloseTo(((10 * 30 * 86_400) / 1000) * 0.5)
  })

  it('warns at 50 % and 80 % of the monthly budget and is critical at 100 %', () => {
    expect(costBreaches(state(40))).toEqual([])
    expect(costBreaches(state(50))[0]).toMatchObject({
      metric: 'cost observed',
      level: 'warning',
      message: 'Projected monthly cost reaches 50 % of the monthly budget (100 USD)',
    })
    expect(costBreaches(state(85))[0]).toMatchObject({ level: 'warning', message: expect.stringContaining('80 %') })
    expect(costBreaches(state(120))[0]).toMatchObject({ level: 'critical', message: expect.stringContaining('100 %') })
    expect(
      costBreaches({ ...state(10), loadRun: { runId: 'r1', projectedMonthly: 90, byEndpoint: [], fraction: 0.9 } }),
    ).toMatchObject([{ metric: 'cost load run', level: 'warning' }])
  })
})
