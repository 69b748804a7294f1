import { describe, expect, it } from 'vitest'
import { KeyCap, MAX_ENDPOINT_LABEL_LENGTH, readClientSample } from '../../src/clientSamples.ts'
import { createClientPrometheusMetrics, MAX_CLIENT_ENDPOINTS } from '../../src/prometheusClient.ts'

describe('readClientSample()', () => {
  it('reads vitals and endpoint requests and ignores everything else', () => {
    expect(readClientSample({ key: 'vital.LCP', t: 1, v: 2100 })).toEqual({ kind: 'vital', name: 'LCP', value: 2100 })
    expect(readClientSample({ key: 'vital.XYZ', t: 1, v: 3 })).toBeNull()
    expect(readClientSample({ key: 'longtask', t: 1, v: 80 })).toBeNull()
    expect(readClientSample({ key: 'http.', t: 1, v: 80 })).toBeNull()
    expect(readClientSample({ key: 'vital.CLS', t: 1, v: Number.NaN })).toBeNull()
    expect(readClientSample({ key: 'http.GET /a', t: 1, v: 12, tags: { status: '503' } })).toEqual({
      kind: 'request',
      endpoint: 'GET /a',
      durationMs: 12,
      error: true,
    })
    expect(readClientSample({ key: 'http.GET /a', t: 1, v: 12, tags: { error: 'timeout' } })).toMatchObject({
      error: true,
    })
    expect(readClientSample({ key: 'http.GET /a', t: 1, v: 12, tags: { status: '204' } })).toMatchObject({
      error: false,
    })
  })

  it('cuts an endpoint key to a bounded length', () => {
    const m = readClientSample({ key: `http.GET /${'x'.repeat(5000)}`, t: 1, v: 1 })
    expect(m?.kind === 'request' && m.endpoint.length).toBe(MAX_ENDPOINT_LABEL_LENGTH)
  })
})

describe('KeyCap', () => {
  it('keeps known keys and folds new ones past the cap into the overflow key', () => {
    const cap = new KeyCap(2)
    expect([cap.admit('a'), cap.admit('b'), cap.admit('c'), cap.admit('a')]).toEqual(['a', 'b', 'other', 'a'])
  })
})

describe('createClientPrometheusMetrics()', () => {
  it('exposes vitals, CLS and client endpoint figures', async () => {
    const metrics = createClientPrometheusMetrics()!
    metrics.record([
      { key: 'vital.LCP', t: 1, v: 4500 },
      { key: 'vital.CLS', t: 1, v: 0.2 },
      { key: 'http.GET /items', t: 2, v: 30, tags: { status: '200' } },
      { key: 'http.GET /items', t: 3, v: 40, tags: { status: '500' } },
    ])
    const text = await metrics.exposition()
    expect(text).toContain('perfscope_web_vital_ms_bucket{le="4000",name="LCP"} 0')
    expect(text).toContain('perfscope_web_vital_ms_bucket{le="6000",name="LCP"} 1')
    expect(text).toContain('perfscope_web_vital_cls_bucket{le="0.25"} 1')
    expect(text).toContain('perfscope_client_request_duration_ms_count{endpoint="GET /items"} 2')
    expect(text).toContain('perfscope_client_request_errors_total{endpoint="GET /items"} 1')
  })

  it('keeps the series count bounded when a client sends thousands of distinct endpoints', async () => {
    const metrics = createClientPrometheusMetrics()!
    metrics.record(
      Array.from({ length: 5000 }, (_, i) => ({ key: `http.GET /e${i}`, t: i, v: 1, tags: { status: '200' } })),
    )
    const text = await metrics.exposition()
    const endpoints = new Set(
      [...text.matchAll(/perfscope_client_request_duration_ms_count\{endpoint="([^"]*)"\}/g)].map((m) => m[1]),
    )
    expect(endpoints.size).toBe(MAX_CLIENT_ENDPOINTS + 1)
    expect(text).toContain(
      `perfscope_client_request_duration_ms_count{endpoint="other"} ${5000 - MAX_CLIENT_ENDPOINTS}`,
    )
  })

  it('escapes a hostile endpoint key in the exposition', async () => {
    const metrics = createClientPrometheusMetrics()!
    metrics.record([{ key: 'http.GET /a"} evil 1\n# x', t: 1, v: 1 }])
    const text = await metrics.exposition()
    expect(text).toContain('endpoint="GET /a\\"} evil 1\\n# x"')
    expect(text.split('\n').filter((l) => l.startsWith('evil'))).toEqual([])
  })
})
