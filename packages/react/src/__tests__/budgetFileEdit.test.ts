import { describe, expect, it } from 'vitest'
import { addBudget, removeBudget } from '../panel/budgetFileEdit.ts'

describe('budget file edits from Settings', () => {
  it('adds to the active environment (top level when none) and removes from wherever the budget was', () => {
    const top = addBudget(null, null, 'GET /api/*', 'critical', 'p(95)<500')
    expect(top).toEqual({ budgets: { 'GET /api/*': { critical: ['p(95)<500'] } } })
    const staged = addBudget(top, 'staging', 'GET /api/*', 'warning', 'p(95)<300')
    expect(staged.environments).toEqual({ staging: { budgets: { 'GET /api/*': { warning: ['p(95)<300'] } } } })
    const removed = removeBudget(staged, 'staging', 'GET /api/*', 'warning', 'p(95)<300')
    expect(removed).toEqual({
      budgets: { 'GET /api/*': { critical: ['p(95)<500'] } },
      environments: { staging: { budgets: {} } },
    })
    expect(removeBudget(removed, null, 'GET /api/*', 'critical', 'p(95)<500').budgets).toEqual({})
  })
})
