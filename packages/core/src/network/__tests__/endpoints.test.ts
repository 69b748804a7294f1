import { describe, expect, it } from 'vitest'
import { EndpointTable, OTHER_ENDPOINT_KEY } from '../endpoints.ts'
import { resolveNetworkOptions } from '../networkOptions.ts'
import type { RequestRecord } from '../requestRecord.ts'

function record(start: number, duration: number, status: number | null, error: RequestRecord['error'] = null): RequestRecord {
  return {
    api: 'fetch', method: 'GET', url: 'https://a.test/x',
    target: { href: 'https://a.test/x', sameOrigin: true, http: true, route: '/x', redacted: 'https://a.test/x' }, start, duration, status, error,
    requestBytes: 10, responseBytes: 100, serverTiming: null, headers: null, internal: false, endpoint: null,
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
    expect(stats).toMatchObject({ key: 'GET /x', count: 100, errors: 1, errorRate: 0.01, bytes: 10_000, requestBytes: 1000, lastStatus: 500, inFlight: 0 })
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
})
