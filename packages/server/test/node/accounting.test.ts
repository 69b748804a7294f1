import { describe, expect, it } from 'vitest'
import { freshPerfscope } from './freshPerfscope.ts'
import { listen } from './helpers.ts'

describe('honest accounting', () => {
  it('counts the 5xx of requests tagged X-Perfscope-Load as errors, and the requests in their own series', async () => {
    const mw = freshPerfscope({ prometheus: true }).middleware()
    const server = await listen((req, res) =>
      mw(req, res, () => {
        res.statusCode = 500
        res.end()
      }),
    )
    try {
      for (let i = 0; i < 3; i++) await fetch(`${server.url}/pay`, { headers: { 'x-perfscope-load': 'run-1' } })
      await fetch(`${server.url}/pay`)
      const body = await (await fetch(`${server.url}/metrics`)).text()
      expect(body).toContain('http_request_errors_total{route="GET /pay",method="GET"} 4')
      expect(body).toContain('perfscope_load_requests_total{route="GET /pay",method="GET",status="500"} 3')
      expect(body).toContain('http_requests_total{route="GET /pay",method="GET",status="500"} 1')
      expect(body).toContain('http_request_error_rate 1')
    } finally {
      await server.close()
    }
  })

  it.each(['1e20', '100000000000000000000', '99999999999999999', '2025-13-45', '-1', 'yesterday'])(
    'answers ?since=%s with 400 in both adapters, never a 500 or a throw',
    async (since) => {
      // Loopback and development: reads are open without authorize.
      const mw = freshPerfscope().middleware()
      const server = await listen((req, res) => mw(req, res, () => res.end()))
      try {
        const response = await fetch(`${server.url}/api/performance-metrics?since=${since}`)
        expect(response.status).toBe(400)
        expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      } finally {
        await server.close()
      }
      const handler = freshPerfscope({ authorize: () => true }).wrap(async () => new Response('app'))
      const response = await handler(new Request(`http://app.test/api/performance-metrics?since=${since}`))
      expect(response.status).toBe(400)
    },
  )

  it('accepts the largest epoch a Date can hold', async () => {
    const handler = freshPerfscope({ authorize: () => true }).wrap(async () => new Response('app'))
    const response = await handler(new Request('http://app.test/api/performance-metrics?since=8640000000000000'))
    expect(response.status).toBe(200)
    expect((await response.json()).days).toEqual([])
  })

  it('sends JSON replies with X-Content-Type-Options: nosniff', async () => {
    const handler = freshPerfscope({ authorize: () => true }).wrap(async () => new Response('app'))
    const response = await handler(new Request('http://app.test/api/performance-metrics'))
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })
})
