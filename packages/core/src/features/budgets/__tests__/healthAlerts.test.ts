import { describe, expect, it } from 'vitest'
import { emptySnapshot } from '../../../createMonitor.ts'
import type { Snapshot } from '../../../types.ts'
import { healthBreaches } from '../healthAlerts.ts'
import { endpoint } from './fixtures.ts'

const snapshot = (patch: Partial<Snapshot>): Snapshot => ({ ...emptySnapshot(), ...patch })

describe('healthBreaches()', () => {
  it('raises nothing for a healthy page', () => {
    expect(healthBreaches(snapshot({ endpoints: [endpoint('GET /api/items')] }), new Set())).toEqual([])
  })

  it('raises a critical runaway, a critical failing and a warning degraded endpoint, with the reason', () => {
    const runaway = {
      ...endpoint('GET /api/poll'),
      rate: 40,
      runaway: { active: true, reason: '40 req/s, 8× its 200 ms interval' },
    }
    const failing = { ...endpoint('POST /api/orders'), health: 'failing' as const, healthReason: 'errors 50 % > 1 %' }
    const degraded = { ...endpoint('GET /api/slow'), health: 'degraded' as const, healthReason: null }
    expect(healthBreaches(snapshot({ endpoints: [runaway, failing, degraded] }), new Set())).toEqual([
      {
        metric: 'runaway GET /api/poll',
        level: 'critical',
        message: 'GET /api/poll is a runaway: 40 req/s, 8× its 200 ms interval',
        value: 40,
      },
      {
        metric: 'health POST /api/orders',
        level: 'critical',
        message: 'POST /api/orders is failing (errors 50 % > 1 %)',
        value: null,
      },
      { metric: 'health GET /api/slow', level: 'warning', message: 'GET /api/slow is degraded', value: null },
    ])
  })

  it('leaves out an unhealthy endpoint a budget alert already names, but never its runaway', () => {
    const both = { ...endpoint('GET /api/poll'), health: 'failing' as const, runaway: { active: true, reason: null } }
    expect(healthBreaches(snapshot({ endpoints: [both] }), new Set(['GET /api/poll'])).map((b) => b.metric)).toEqual([
      'runaway GET /api/poll',
    ])
  })

  it("raises a suspected leak and perfscope's own errors", () => {
    const memory = {
      usedJSHeapSize: 9e7,
      totalJSHeapSize: 1e8,
      jsHeapSizeLimit: 4e9,
      domNodes: 900,
      pageBytes: null,
      leakSuspected: true,
      at: 1,
    }
    const errors = { count: 2, recent: [] }
    expect(healthBreaches(snapshot({ memory, errors }), new Set())).toEqual([
      {
        metric: 'memory leak',
        level: 'critical',
        message: 'Memory keeps growing across garbage collections (possible leak)',
        value: 9e7,
      },
      {
        metric: 'perfscope errors',
        level: 'warning',
        message: 'perfscope caught 2 error(s) in its own code',
        value: 2,
      },
    ])
  })
})
