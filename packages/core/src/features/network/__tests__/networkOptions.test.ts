import { describe, expect, it } from 'vitest'
import { createMonitor } from '../../../createMonitor.ts'
import { PerfscopeOptionError } from '../../../kernel/options.ts'
import { resolveNetworkOptions } from '../compiledNetworkOptions.ts'

describe('network options', () => {
  it('rejects wrong types with a PerfscopeOptionError naming the option', () => {
    const bad: unknown[] = [
      { network: 'yes' },
      { network: { redactKeys: 'token' } },
      { network: { captureHeaders: [1] } },
      { network: { routes: ['no-slash'] } },
      { network: { includeInternal: 'true' } },
      { network: { maxPerSecond: -1 } },
      { network: { budgets: [{ match: 3 }] } },
      { network: { budgets: [{ match: 'x', p95Ms: [200, 100] }] } },
      { network: { reconnectStorm: [1] } },
    ]
    for (const options of bad) expect(() => createMonitor(options as never)).toThrow(PerfscopeOptionError)
    expect(() => createMonitor({ network: { maxPerSecond: 0 } })).toThrow(
      'option "network.maxPerSecond" must be a positive number',
    )
  })

  it('applies the first matching budget and otherwise the same- or cross-origin defaults', () => {
    const o = resolveNetworkOptions({
      budgets: [{ match: 'GET /api/reports/*', p95Ms: [1000, 3000], maxPerSecond: 2 }],
    })
    expect(o.rulesFor('GET /api/reports/:id', true)).toEqual({
      budget: { p95Ms: [1000, 3000], errorRate: [0.001, 0.01], source: 'network.budgets' },
      maxPerSecond: 2,
    })
    expect(o.rulesFor('GET /api/users', true).budget.p95Ms).toEqual([100, 200])
    expect(o.rulesFor('GET https://cdn.test/x', false).budget).toMatchObject({
      p95Ms: [300, 1000],
      source: 'cross-origin default',
    })
    expect(o.rulesFor('GET /api/users', true).budget.source).toBe('same-origin default')
    expect(o.rulesFor('GET /api/users', true).maxPerSecond).toBe(20)
  })
})
