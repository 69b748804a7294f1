import { describe, expect, it } from 'vitest'
import { expiredKeys } from '../retention.ts'
import { mergeDays } from '../mergeDays.ts'
import type { DayRecord } from '../historyStore.ts'

describe('expiredKeys()', () => {
  const now = Date.UTC(2026, 10, 24, 12)
  it('drops detail after 30 days and summaries after 6 months, and nothing else', () => {
    const keys = [
      'day:2026-11-24:a',
      'detail:2026-11-24:a',
      'detail:2026-10-20:b',
      'day:2026-10-20:b',
      'day:2026-05-01:c',
      'baseline',
    ]
    expect(expiredKeys(keys, now)).toEqual(['detail:2026-10-20:b', 'day:2026-05-01:c'])
  })
})

describe('mergeDays()', () => {
  const record = (at: string, count: number, p95: number, lcp: number): DayRecord =>
    ({
      schema: 'perfscope-report',
      version: 1,
      date: '2026-11-24',
      generatedAt: at,
      vitals: { LCP: { value: lcp, rating: 'good', attribution: {} } },
      endpoints: [
        {
          key: 'GET /a',
          count,
          rate: 1,
          errors: 1,
          errorRate: 1 / count,
          latency: { count, min: 1, max: p95 * 2, mean: p95 / 2, p50: p95 / 2, p75: p95, p90: p95, p95, p99: p95 },
          bytes: 10,
          lastStatus: 200,
          health: 'healthy',
          runaway: { active: false, reason: null },
        },
      ],
    }) as unknown as DayRecord

  it('adds counts, weights percentiles by count and keeps the latest vitals', () => {
    const merged = mergeDays([
      record('2026-11-24T10:00:00Z', 300, 100, 1000),
      record('2026-11-24T09:00:00Z', 100, 200, 2000),
    ])
    const e = merged.endpoints[0]!
    expect(e.count).toBe(400)
    expect(e.errors).toBe(2)
    expect(e.latency.p95).toBe(125)
    expect(e.latency.max).toBe(400)
    expect(merged.vitals.LCP!.value).toBe(1000)
  })
})
