import { emptySummary } from '../../../stats/emptySummary.ts'
import type { EndpointStats, StatSummary } from '../../../types.ts'

/** An endpoint as the network source publishes it, with the fields budgets, quotas and costs read. */
export function endpoint(
  key: string,
  fields: { count?: number; p95?: number; errorRate?: number; bytes?: number } = {},
): EndpointStats {
  const count = fields.count ?? 10
  const latency: StatSummary = {
    ...emptySummary(),
    count,
    p50: fields.p95 ?? 50,
    p95: fields.p95 ?? 50,
    p99: fields.p95 ?? 50,
    mean: fields.p95 ?? 50,
    min: 1,
    max: fields.p95 ?? 50,
  }
  return {
    key,
    count,
    rate: 1,
    errors: Math.round(count * (fields.errorRate ?? 0)),
    errorRate: fields.errorRate ?? 0,
    latency,
    latencyLastMinute: latency,
    bytes: fields.bytes ?? 0,
    lastStatus: 200,
    health: 'healthy',
    runaway: { active: false, reason: null },
  }
}
