import { describe, expect, it } from 'vitest'
import type { EndpointStats } from '@perfscope/core'
import { loadTargets } from '../panel/load/loadTargets.ts'

const PAGE = 'http://127.0.0.1:5173'

function endpoint(key: string, count: number, lastUrl?: string | null): EndpointStats {
  const summary = { count, min: null, max: null, mean: null, p50: null, p75: null, p90: null, p95: null, p99: null }
  return {
    key,
    count,
    rate: 0,
    errors: 0,
    errorRate: 0,
    latency: summary,
    bytes: 0,
    lastStatus: 200,
    health: 'healthy',
    runaway: { active: false, reason: null },
    lastUrl,
  }
}

describe('loadTargets()', () => {
  it('offers same-origin GET endpoints and the other origins the app allowed, busiest first', () => {
    const { targets, skipped } = loadTargets(
      [
        endpoint('GET /api/items', 3, `${PAGE}/api/items?page=1`),
        endpoint('POST /api/items', 9, `${PAGE}/api/items`),
        endpoint('GET https://api.example.test/v1/users', 7, 'https://api.example.test/v1/users'),
        endpoint('GET https://cdn.example.test/x', 5, 'https://cdn.example.test/x'),
      ],
      PAGE,
      ['https://api.example.test'],
    )
    expect(targets.map((t) => [t.key, t.url, t.crossOrigin])).toEqual([
      ['GET https://api.example.test/v1/users', 'https://api.example.test/v1/users', true],
      ['GET /api/items', `${PAGE}/api/items?page=1`, false],
    ])
    expect(skipped).toBe(1)
  })

  it('replays a route without a recorded URL only when it has no placeholder', () => {
    const { targets } = loadTargets(
      [endpoint('GET /api/health', 1), endpoint('GET /api/items/:id', 4), endpoint('GET /api/a', 1, null)],
      PAGE,
      [],
    )
    expect(targets.map((t) => t.url)).toEqual([`${PAGE}/api/health`, `${PAGE}/api/a`])
  })

  it('never offers a URL that is not http(s)', () => {
    const { targets } = loadTargets(
      [endpoint('GET /x', 1, 'javascript:alert(1)'), endpoint('GET /y', 1, 'data:text/plain,hi')],
      PAGE,
      [],
    )
    expect(targets).toEqual([])
  })
})
