import { describe, expect, it } from 'vitest'
import { SummaryStore } from '@perfscope/server'
import { freshPerfscope } from './freshPerfscope.ts'
import { OVERFLOW_KEY } from '../../src/summaryStore.ts'
import { createPrometheusMetrics } from '../../src/prometheus.ts'
import { routeKey } from '../../src/routeKey.ts'
import { listen } from './helpers.ts'

describe('bounded state', () => {
  it('keeps 2,000 routes a day and folds the rest into one overflow key', () => {
    const store = new SummaryStore()
    for (let i = 0; i < 10_000; i++) store.recordRequest(`GET /probe-${i}-abc`, 1, 404, false)
    const routes = store.summaries().at(-1)!.server.routes
    expect(Object.keys(routes)).toHaveLength(2_001)
    expect(routes[OVERFLOW_KEY]!.count).toBe(8_000)
  })

  it('keeps 10,000 distinct paths to at most 2,001 route series in the Prometheus exposition', async () => {
    const metrics = createPrometheusMetrics()!
    for (let i = 0; i < 10_000; i++) metrics.observeRequest(`GET /probe-${i}-abc`, 'GET', 404, 1)
    const { body } = await metrics.exposition()
    const series = body.split('\n').filter((line) => line.startsWith('http_requests_total{'))
    expect(series).toHaveLength(2_001)
    expect(body).toContain(`http_requests_total{route="${OVERFLOW_KEY}",method="GET",status="404"} 8000`)
    // Was 39.7 MiB for 10,000 paths.
    expect(body.length).toBeLessThan(3 * 1024 * 1024)
  })

  it('labels a method the client made up as OTHER', async () => {
    const metrics = createPrometheusMetrics()!
    for (let i = 0; i < 50; i++) metrics.observeRequest('GET /a', `M${i}`, 200, 1)
    const { body } = await metrics.exposition()
    expect(body).toContain('http_requests_total{route="GET /a",method="OTHER",status="200"} 50')
  })

  it('names Express 404s by the normalised path, capped like every route', async () => {
    const mw = freshPerfscope({ prometheus: true }).middleware()
    const server = await listen((req, res) =>
      mw(req, res, () => {
        res.statusCode = 404
        res.end()
      }),
    )
    try {
      await fetch(`${server.url}/users/12345/orders/9f1c2d3e-0000-4000-8000-000000000000`)
      const body = await (await fetch(`${server.url}/metrics`)).text()
      expect(body).toContain('route="GET /users/:id/orders/:id"')
    } finally {
      await server.close()
    }
  })
})

describe('routeKey()', () => {
  it('uses the route template the framework gives, as is', () => {
    expect(routeKey('get', '/api/users/42?x=1', '/api/users/[id]')).toBe('GET /api/users/[id]')
  })

  it('normalises the path as the browser side does when there is no template', () => {
    expect(routeKey('get', '/api/users/42?token=abc#x', null)).toBe('GET /api/users/:id')
    expect(routeKey(undefined, undefined)).toBe('GET /')
  })
})
