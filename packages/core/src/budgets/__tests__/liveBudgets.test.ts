import { describe, expect, it } from 'vitest'
import { budgetBreaches, compileLiveBudgets } from '../liveBudgets.ts'
import type { BudgetFile } from '../budgetFile.ts'
import type { VitalState } from '../../types.ts'
import { endpoint } from './fixtures.ts'

const vital = (value: number): VitalState => ({ value, rating: 'good', attribution: {}, at: 0 })

describe('budgetBreaches()', () => {
  it('checks Web Vitals against their official thresholds and endpoints against the API defaults', () => {
    const live = compileLiveBudgets(undefined, undefined)
    const breaches = budgetBreaches(live, {
      vitals: { LCP: vital(3000), CLS: vital(0.3), INP: vital(100) },
      endpoints: [endpoint('GET /api/fast', { p95: 40 }), endpoint('GET /api/slow', { p95: 150 }), endpoint('GET /api/broken', { errorRate: 0.5 }), endpoint('GET https://cdn.example.com/x', { p95: 900 })],
    })
    expect(breaches.map((b) => [b.metric, b.level])).toEqual([
      ['vital.LCP', 'warning'],
      ['vital.CLS', 'critical'],
      ['GET /api/slow', 'warning'],
      ['GET /api/broken', 'critical'],
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
      endpoints: [endpoint('GET /api/items', { p95: 1200 }), endpoint('GET /api/reports/:id', { p95: 1200 }), endpoint('POST /api/items', { p95: 150 })],
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
    expect(compileLiveBudgets(file, 'development').rules.find((r) => r.metric === 'GET /api/items')).toMatchObject({ expression: 'p(95)<1000', source: 'file' })
  })
})
