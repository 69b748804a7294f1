import { describe, expect, it } from 'vitest'
import { channelHealth, endpointHealth, ERROR_RATE_THRESHOLDS, SAME_ORIGIN_P95_MS } from '../serviceHealth.ts'

const budget = { p95Ms: SAME_ORIGIN_P95_MS, errorRate: ERROR_RATE_THRESHOLDS }

describe('endpointHealth()', () => {
  it('grades p95 latency against 100 / 200 ms by default', () => {
    expect(endpointHealth(80, 0, budget)).toEqual({ health: 'healthy', reason: null })
    expect(endpointHealth(150, 0, budget)).toEqual({ health: 'degraded', reason: 'p95 150 ms > 100 ms' })
    expect(endpointHealth(250, 0, budget)).toEqual({ health: 'failing', reason: 'p95 250 ms > 200 ms' })
  })

  it('grades the error rate against 0.1 % / 1 % and reports the worse of the two', () => {
    expect(endpointHealth(10, 0.005, budget)).toEqual({ health: 'degraded', reason: 'error rate 0.5 % > 0.1 %' })
    expect(endpointHealth(150, 0.02, budget)).toEqual({ health: 'failing', reason: 'error rate 2 % > 1 %' })
    expect(endpointHealth(null, 0, budget).health).toBe('healthy')
  })
})

describe('channelHealth()', () => {
  it('calls more than 3 reconnects a minute degraded and more than 10 failing', () => {
    expect(channelHealth(3).health).toBe('healthy')
    expect(channelHealth(4).health).toBe('degraded')
    expect(channelHealth(11)).toEqual({ health: 'failing', reason: 'reconnect storm: 11 reconnects in the last minute > 10' })
  })
})
