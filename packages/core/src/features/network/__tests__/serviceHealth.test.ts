import { describe, expect, it } from 'vitest'
import { channelHealth, endpointHealth } from '../serviceHealth.ts'
import { ERROR_RATE_THRESHOLDS, SAME_ORIGIN_P95_MS } from '../compiledNetworkOptions.ts'

const budget = { p95Ms: SAME_ORIGIN_P95_MS, errorRate: ERROR_RATE_THRESHOLDS, source: 'same-origin default' } as const

describe('endpointHealth()', () => {
  it('calls a slow endpoint that answers degraded, never failing, past either latency threshold', () => {
    expect(endpointHealth(80, 0, budget)).toEqual({ health: 'healthy', reason: null })
    expect(endpointHealth(150, 0, budget)).toEqual({ health: 'degraded', reason: 'slow: p95 150 ms > 100 ms' })
    expect(endpointHealth(950, 0, budget)).toEqual({ health: 'degraded', reason: 'slow: p95 950 ms > 200 ms' })
  })

  it('keeps failing for errors (0.1 % / 1 %), which decide before latency', () => {
    expect(endpointHealth(10, 0.005, budget)).toEqual({ health: 'degraded', reason: 'error rate 0.5 % > 0.1 %' })
    expect(endpointHealth(950, 0.02, budget)).toEqual({ health: 'failing', reason: 'error rate 2 % > 1 %' })
    expect(endpointHealth(null, 1, budget)).toEqual({ health: 'failing', reason: 'error rate 100 % > 1 %' })
    expect(endpointHealth(null, 0, budget).health).toBe('healthy')
  })
})

describe('channelHealth()', () => {
  it('calls more than 3 reconnects a minute degraded and more than 10 failing', () => {
    expect(channelHealth(3).health).toBe('healthy')
    expect(channelHealth(4).health).toBe('degraded')
    expect(channelHealth(11)).toEqual({
      health: 'failing',
      reason: 'reconnect storm: 11 reconnects in the last minute > 10',
    })
  })
})
