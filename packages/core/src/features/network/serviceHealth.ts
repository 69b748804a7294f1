import type { EndpointHealth } from '../../types.ts'
import { RECONNECT_STORM_PER_MINUTE, type HealthBudget } from './compiledNetworkOptions.ts'

/**
 * Service health from budgets, in words that match the cause: an endpoint that answers, however slowly, is at
 * worst `degraded` (p95 latency over the last minute past either threshold); `failing` is for errors, network
 * errors from an unreachable server included (error rate over the last minute past the critical threshold).
 * Channels (WebSocket, EventSource) are judged on reconnects per minute (a reconnect storm).
 */

export interface HealthVerdict {
  health: EndpointHealth
  /** What broke the budget, e.g. `p95 240 ms > 200 ms`; null when healthy. */
  reason: string | null
}

const HEALTHY: HealthVerdict = { health: 'healthy', reason: null }

function grade(value: number, [warn, crit]: readonly [number, number]): EndpointHealth {
  return value > crit ? 'failing' : value > warn ? 'degraded' : 'healthy'
}

/**
 * Judges an endpoint from its last-minute p95 latency (ms; null without calls to judge) and error rate (0..1).
 * Errors decide first: a failing endpoint is failing whatever its speed; a slow one is degraded, never failing.
 */
export function endpointHealth(p95: number | null, errorRate: number, budget: HealthBudget): HealthVerdict {
  const byErrors = grade(errorRate, budget.errorRate)
  if (byErrors !== 'healthy') {
    const limit = budget.errorRate[byErrors === 'failing' ? 1 : 0]
    return { health: byErrors, reason: `error rate ${percent(errorRate)} > ${percent(limit)}` }
  }
  const byLatency = p95 === null ? 'healthy' : grade(p95, budget.p95Ms)
  if (byLatency === 'healthy') return HEALTHY
  const limit = budget.p95Ms[byLatency === 'failing' ? 1 : 0]
  return { health: 'degraded', reason: `slow: p95 ${Math.round(p95 ?? 0)} ms > ${limit} ms` }
}

/** Judges a WebSocket / EventSource channel from its reconnects in the last minute. */
export function channelHealth(
  reconnectsLastMinute: number,
  storm: readonly [number, number] = RECONNECT_STORM_PER_MINUTE,
): HealthVerdict {
  const health = grade(reconnectsLastMinute, storm)
  if (health === 'healthy') return HEALTHY
  const limit = storm[health === 'failing' ? 1 : 0]
  return { health, reason: `reconnect storm: ${reconnectsLastMinute} reconnects in the last minute > ${limit}` }
}

function percent(rate: number): string {
  return `${Number((rate * 100).toFixed(2))} %`
}
