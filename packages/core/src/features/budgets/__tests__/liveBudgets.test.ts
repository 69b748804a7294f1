import { describe, expect, it } from 'vitest'
import { appliedBudgets, budgetBreaches, compileLiveBudgets } from '../liveBudgets.ts'
import { parseThreshold } from '../expression.ts'
import type { BudgetFile } from '../budgetFile.ts'
import type { VitalState } from '../../../types.ts'
import { endpoint } from './fixtures.ts'

const vital = (value: number): VitalState => ({ value, rating: 'good', attribution: {}, at: 0 })

describe('compileLiveBudgets()', () => {
  it('builds each default vital budget exactly as the threshold parser reads its text', () => {
    const defaults = [...compileLiveBudgets(undefined, undefined).vitals.values()].flat()
    expect(defaults).toHaveLength(10)
    for (const b of defaults) expect(b.expression).toEqual(parseThreshold(b.expression.source))
  })
})

describe('budgetBreaches()', () => {
  it('checks Web Vitals against their official thresholds and endpoints against the same- and cross-origin defaults health uses', () => {
    const live = compileLiveBudgets(undefined, undefined)
    const breaches = budgetBreaches(live, {
      vitals: { LCP: vital(3000), CLS: vital(0.3), INP: vital(100) },
      endpoints: [
        endpoint('GET /api/fast', { p95: 40 }),
        endpoint('GET /api/slow', { p95: 150 }),
        endpoint('GET /api/broken', { errorRate: 0.5 }),
        endpoint('GET https://cdn.example.com/x', { p95: 900 }),
      ],
    })
    expect(breaches.map((b) => [b.metric, b.level])).toEqual([
      ['vital.LCP', 'warning'],
      ['vital.CLS', 'critical'],
      ['GET /api/slow', 'warning'],
      ['GET /api/broken', 'critical'],
      ['GET https://cdn.example.com/x', 'warning'],
    ])
    expect(breaches[0]).toMatchObject({ message: 'vital.LCP breaks p(75)<=2500', value: 3000 })
  })

  it('matches glob endpoint budgets, the most specific pattern winning', () => {
    const file: BudgetFile = {
      budgets: {
        'GET /api/*': { critical: 'p(95)<1000' },
        'GET /api/reports/*': { warning: 'p(95)<5000' },
      },
    }
    const live = compileLiveBudgets(file, undefined)
    const breaches = budgetBreaches(live, {
      vitals: {},
      endpoints: [
        endpoint('GET /api/items', { p95: 1200 }),
        endpoint('GET /api/reports/:id', { p95: 1200 }),
        endpoint('POST /api/items', { p95: 150 }),
      ],
    })
    expect(breaches.map((b) => [b.metric, b.level, b.message])).toEqual([
      ['GET /api/items', 'critical', 'GET /api/items breaks p(95)<1000'],
      ['POST /api/items', 'warning', 'POST /api/items breaks p(95)<=100'],
    ])
  })

  it("uses the chosen environment's budgets in place of the top-level ones", () => {
    const file: BudgetFile = {
      budgets: { 'GET /api/items': { critical: 'p(95)<200' } },
      environments: { development: { budgets: { 'GET /api/items': { critical: 'p(95)<1000' } } } },
    }
    const input = { vitals: {}, endpoints: [endpoint('GET /api/items', { p95: 500 })] }
    expect(budgetBreaches(compileLiveBudgets(file, 'production'), input)).toHaveLength(1)
    expect(budgetBreaches(compileLiveBudgets(file, 'development'), input)).toHaveLength(0)
    expect(compileLiveBudgets(file, 'development').rules.find((r) => r.metric === 'GET /api/items')).toMatchObject({
      expression: 'p(95)<1000',
      source: 'file',
    })
  })

  it('holds an endpoint without a file budget to the thresholds its health uses, from the last minute only', () => {
    const live = compileLiveBudgets(undefined, undefined)
    const custom = {
      ...endpoint('GET /api/reports', { p95: 800 }),
      budget: {
        p95Ms: [1000, 3000] as [number, number],
        errorRate: [0.001, 0.01] as [number, number],
        source: 'network.budgets' as const,
      },
    }
    const firstCallOnly = {
      ...endpoint('GET /api/cold', { p95: 830, count: 1 }),
      latencyLastMinute: {
        ...endpoint('x').latency,
        count: 0,
        p50: null,
        p95: null,
        p99: null,
        mean: null,
        min: null,
        max: null,
      },
    }
    const breaches = budgetBreaches(live, { vitals: {}, endpoints: [custom, firstCallOnly] })
    expect(breaches).toEqual([])
  })

  it('lists the same-origin and the cross-origin defaults among the live rules', () => {
    const rules = compileLiveBudgets(undefined, undefined).rules.filter((r) =>
      r.metric.endsWith('endpoints without a budget'),
    )
    expect(rules.map((r) => `${r.metric}: ${r.level} ${r.expression}`)).toEqual([
      'same-origin endpoints without a budget: warning p(95)<=100',
      'same-origin endpoints without a budget: warning rate<=0.001',
      'same-origin endpoints without a budget: critical p(95)<=200',
      'same-origin endpoints without a budget: critical rate<=0.01',
      'cross-origin endpoints without a budget: warning p(95)<=300',
      'cross-origin endpoints without a budget: warning rate<=0.001',
      'cross-origin endpoints without a budget: critical p(95)<=1000',
      'cross-origin endpoints without a budget: critical rate<=0.01',
    ])
  })

  it('says which budgets each endpoint is checked against and where they come from', () => {
    const live = compileLiveBudgets({ budgets: { 'GET /api/reports/*': { critical: 'p(95)<5000' } } }, undefined)
    const applied = appliedBudgets(live, [
      endpoint('GET /api/reports/:id'),
      endpoint('GET https://cdn.example.com/x'),
      endpoint('GET /api/items'),
    ])
    expect(
      applied.map((a) => [a.endpoint, a.source, a.rules.map((r) => `${r.level} ${r.expression}`).join(', ')]),
    ).toEqual([
      ['GET /api/reports/:id', 'budget file: GET /api/reports/*', 'critical p(95)<5000'],
      [
        'GET https://cdn.example.com/x',
        'cross-origin default',
        'warning p(95)<=300, warning rate<=0.001, critical p(95)<=1000, critical rate<=0.01',
      ],
      [
        'GET /api/items',
        'same-origin default',
        'warning p(95)<=100, warning rate<=0.001, critical p(95)<=200, critical rate<=0.01',
      ],
    ])
  })
})
