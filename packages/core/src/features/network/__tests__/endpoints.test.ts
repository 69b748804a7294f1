import { describe, expect, it } from 'vitest'
import { EndpointTable, OTHER_ENDPOINT_KEY } from '../endpoints.ts'
import { resolveNetworkOptions } from '../compiledNetworkOptions.ts'
import type { RequestRecord } from '../requestRecord.ts'

function record(
  start: number,
  duration: number,
  status: number | null,
  error: RequestRecord['error'] = null,
): RequestRecord {
  return {
    api: 'fetch',
    method: 'GET',
    url: 'https://a.test/x',
    at: { href: 'https://a.test/x', sameOrigin: true, http: true },
    target: { href: 'https://a.test/x', sameOrigin: true, http: true, route: '/x', redacted: 'https://a.test/x' },
    start,
    duration,
    phase: 'ended',
    status,
    error,
    requestBytes: 10,
    responseBytes: 100,
    serverTiming: null,
    headers: null,
    response: null,
    rawHeaders: null,
    internal: false,
    counted: true,
    folded: 'no',
    endpoint: null,
  }
}

describe('EndpointTable', () => {
  const rules = resolveNetworkOptions({}).rulesFor

  it('aggregates counts, errors, bytes, latency percentiles and last status', () => {
    const table = new EndpointTable(10, rules)
    const entry = table.entry('GET /x', true)
    for (let i = 0; i < 100; i++) {
      entry.started(i * 100)
      entry.finished(record(i * 100, i + 1, i === 99 ? 500 : 200, i === 99 ? 'http5xx' : null))
    }
    const [stats] = table.stats(10_000)
    expect(stats).toMatchObject({
      key: 'GET /x',
      count: 100,
      errors: 1,
      errorRate: 0.01,
      bytes: 10_000,
      requestBytes: 1000,
      lastStatus: 500,
      inFlight: 0,
    })
    expect(stats!.latency.p50).toBeCloseTo(50, -0.5)
    expect(stats!.latency.max).toBe(100)
    expect(stats!.rate).toBeCloseTo(100 / 10, 0)
  })

  it('stays bounded: past maxEndpoints every new key counts under "other"', () => {
    const table = new EndpointTable(200, rules)
    for (let i = 0; i < 100_000; i++) {
      const entry = table.entry(`GET /k${i}`, true)
      entry.started(i)
      entry.finished(record(i, 5, 200))
    }
    expect(table.size).toBe(201)
    const other = table.stats(100_000).find((s) => s.key === OTHER_ENDPOINT_KEY)
    expect(other?.count).toBe(100_000 - 200)
  })

  it('returns the same stats object while nothing changed and the window is still', () => {
    const table = new EndpointTable(10, rules)
    const entry = table.entry('GET /x', true)
    entry.started(0)
    entry.finished(record(0, 5, 200))
    const first = table.stats(200_000)[0]
    expect(table.stats(200_001)[0]).toBe(first)
  })

  it('gives no rate from one call, and a rate over at least a second from two', () => {
    const table = new EndpointTable(10, rules)
    const entry = table.entry('GET /x', true)
    entry.started(1000)
    entry.finished(record(1000, 17, 200))
    expect(table.stats(1117)[0]!.rate).toBe(0)
    entry.started(1050)
    entry.finished(record(1050, 17, 200))
    expect(table.stats(1120)[0]!.rate).toBe(2)
  })

  it('keeps a first call far slower than the second apart as a warm-up, out of the judged latency and health', () => {
    const table = new EndpointTable(10, rules)
    const entry = table.entry('GET /x', true)
    entry.started(0)
    entry.finished(record(0, 830, 200))
    const alone = table.stats(900)[0]!
    expect(alone).toMatchObject({ health: 'healthy', warmupMs: null, latencyLastMinute: { count: 0 } })
    for (let i = 1; i <= 5; i++) {
      entry.started(1000 * i)
      entry.finished(record(1000 * i, 50, 200))
    }
    const stats = table.stats(6000)[0]!
    expect(stats).toMatchObject({
      health: 'healthy',
      warmupMs: 830,
      count: 6,
      latencyLastMinute: { count: 5, max: 50 },
    })
    expect(stats.latency.max).toBe(830)
  })

  it('judges a slow first call with the rest when the rest is as slow', () => {
    const table = new EndpointTable(10, rules)
    const entry = table.entry('GET /x', true)
    for (let i = 0; i < 3; i++) {
      entry.started(1000 * i)
      entry.finished(record(1000 * i, 400 + i, 200))
    }
    expect(table.stats(3000)[0]).toMatchObject({ warmupMs: null, health: 'degraded', latencyLastMinute: { count: 3 } })
    expect(table.stats(3000)[0]!.healthReason).toMatch(/^slow: p95 40\d ms > 200 ms$/)
  })

  it('says which thresholds it applied', () => {
    const table = new EndpointTable(10, rules)
    table.entry('GET https://api.test/x', false).finished(record(0, 5, 200))
    expect(table.stats(10)[0]!.budget).toEqual({
      p95Ms: [300, 1000],
      errorRate: [0.001, 0.01],
      source: 'cross-origin default',
    })
  })
})
