import { describe, expect, it } from 'vitest'
import { QuotaMeter, quotaBreaches } from '../quotas.ts'
import { endpoint } from './fixtures.ts'

const T0 = 1_700_000_000_000 - (1_700_000_000_000 % 60_000)

describe('QuotaMeter', () => {
  it('sums the calls of every matching endpoint and warns at 80 %, critical at 100 %', () => {
    const meter = new QuotaMeter([{ match: 'GET /api/*', perMinute: 100 }])
    let uses = meter.update(
      [
        endpoint('GET /api/a', { count: 50 }),
        endpoint('GET /api/b', { count: 20 }),
        endpoint('GET /other', { count: 500 }),
      ],
      T0 + 1000,
    )
    expect(uses).toEqual([{ match: 'GET /api/*', window: 'minute', limit: 100, used: 70, fraction: 0.7 }])
    expect(quotaBreaches(uses)).toEqual([])
    uses = meter.update([endpoint('GET /api/a', { count: 60 }), endpoint('GET /api/b', { count: 20 })], T0 + 2000)
    expect(quotaBreaches(uses)).toEqual([
      {
        metric: 'quota GET /api/* per minute',
        level: 'warning',
        message: 'GET /api/* used 80 % of its 100 calls per minute',
        value: 80,
      },
    ])
    uses = meter.update([endpoint('GET /api/a', { count: 80 }), endpoint('GET /api/b', { count: 20 })], T0 + 3000)
    expect(quotaBreaches(uses)[0]).toMatchObject({
      level: 'critical',
      message: 'GET /api/* used 100 % of its 100 calls per minute',
    })
  })

  it('lets old calls slide out of the window', () => {
    const meter = new QuotaMeter([{ match: 'GET /api/items', perMinute: 10, perHour: 1000 }])
    meter.update([endpoint('GET /api/items', { count: 10 })], T0)
    const halfway = meter.update([endpoint('GET /api/items', { count: 10 })], T0 + 90_000)
    expect(halfway.map((u) => u.used)).toEqual([5, 10])
    const later = meter.update([endpoint('GET /api/items', { count: 10 })], T0 + 3 * 60_000)
    expect(later.map((u) => u.used)).toEqual([0, 10])
    expect(meter.update([endpoint('GET /api/items', { count: 10 })], T0 + 62 * 60_000).map((u) => u.used)).toEqual([
      0, 0,
    ])
  })
})
