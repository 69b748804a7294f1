import type { LoadScenario } from './scenario.ts'

/** An endpoint the app has been seen calling, from `snapshot().endpoints` (`GET /api/items`). */
export interface ObservedEndpoint {
  key: string
  count: number
  lastUrl?: string | null
}

export type PresetName =
  'High user load' | 'API stress' | 'smoke' | 'load' | 'spike' | 'stress' | 'soak' | 'Memory pressure' | 'Slow network'

const MIB = 2 ** 20

/**
 * Requests that replay what the app called: same-origin GET endpoints, weighted by how often the app called them.
 * Only the sanitised `lastUrl` is known, so endpoints whose path holds a placeholder (`/users/:id`) cannot be
 * replayed and are left out, and the query (names without values) is left off.
 */
export function replayRequests(endpoints: readonly ObservedEndpoint[]): LoadScenario['requests'] {
  const requests: NonNullable<LoadScenario['requests']> = []
  for (const e of endpoints) {
    if (!e.key.startsWith('GET /') || !e.lastUrl || e.key.includes('/:') || e.key.endsWith('/*')) continue
    const url = e.lastUrl.split('?', 1)[0]!
    requests.push({ method: 'GET', url, weight: Math.max(1, e.count) })
  }
  return requests
}

/**
 * Ready-made scenarios over the endpoints the app has called. `High user load` is what the Load tab opens with:
 * a safe, useful first run (10 users, 30 s, 1 s think time). `Memory pressure` (16 MiB a second up to 128 MiB,
 * held 5 s) and `Slow network` (1500 ± 500 ms, 10 % failures, 60 s) send no requests of their own.
 */
export function presetScenario(name: PresetName, endpoints: readonly ObservedEndpoint[]): LoadScenario {
  const requests = replayRequests(endpoints)
  switch (name) {
    case 'High user load':
      return { name, executor: 'constant-users', users: 10, durationMs: 30_000, thinkTimeMs: 1000, requests }
    case 'API stress':
      return {
        name,
        executor: 'ramping-arrival-rate',
        stages: [
          { durationMs: 10_000, target: 20 },
          { durationMs: 20_000, target: 100 },
        ],
        requests,
        thresholds: { http_req_failed: ['rate<0.01'], http_req_duration: ['p(95)<2000'] },
      }
    case 'smoke':
      return { name, executor: 'constant-users', users: 1, durationMs: 10_000, thinkTimeMs: 1000, requests }
    case 'load':
      return {
        name,
        executor: 'ramping-users',
        stages: [
          { durationMs: 10_000, target: 20 },
          { durationMs: 40_000, target: 20 },
          { durationMs: 10_000, target: 0 },
        ],
        requests,
      }
    case 'spike':
      return {
        name,
        executor: 'ramping-users',
        stages: [
          { durationMs: 5_000, target: 2 },
          { durationMs: 2_000, target: 50 },
          { durationMs: 10_000, target: 50 },
          { durationMs: 3_000, target: 2 },
        ],
        thinkTimeMs: 500,
        requests,
      }
    case 'stress':
      return {
        name,
        executor: 'ramping-arrival-rate',
        stages: [
          { durationMs: 20_000, target: 50 },
          { durationMs: 20_000, target: 150 },
          { durationMs: 20_000, target: 200 },
        ],
        requests,
      }
    case 'soak':
      return { name, executor: 'constant-users', users: 5, durationMs: 5 * 60_000, thinkTimeMs: 2000, requests }
    case 'Memory pressure':
      return { name, memory: { stepBytes: 16 * MIB, targetBytes: 128 * MIB, stepMs: 1000, holdMs: 5000 } }
    case 'Slow network':
      return { name, durationMs: 60_000, fault: { latencyMs: 1500, jitterMs: 500, failureRate: 0.1 } }
  }
}

export const PRESET_NAMES: readonly PresetName[] = [
  'High user load',
  'API stress',
  'smoke',
  'load',
  'spike',
  'stress',
  'soak',
  'Memory pressure',
  'Slow network',
]

/** Every preset over the endpoints seen, in the order the Load tab lists them (`monitor.load.presets()`). */
export function allPresets(
  endpoints: readonly ObservedEndpoint[],
): Array<{ name: PresetName; scenario: LoadScenario }> {
  return PRESET_NAMES.map((name) => ({ name, scenario: presetScenario(name, endpoints) }))
}
