import type { NetworkFault } from '../network/faultInjection.ts'
import { LoadScenarioError } from './errors.ts'
import { checkNumber } from './checkNumber.ts'
import type { SlowNetworkResult } from '../../types.ts'
export type { SlowNetworkResult }

/**
 * The `fault` part of a scenario (the `Slow network` preset): latency, jitter and failures injected into the
 * app's own fetch and async XMLHttpRequest calls for the run's length. It sends no traffic of its own; perfscope's
 * and the load simulator's requests are never touched (see docs/load-testing.md).
 */
export interface SlowNetworkFault {
  /** Delay added before each app request is sent, ms (0 to 60 000). */
  latencyMs: number
  /** The delay varies by ± this much, ms (0 to 60 000; default 0). */
  jitterMs?: number
  /** Share of app requests (0 to 1; default 0) that fail as a network error (fetch: `TypeError('Failed to fetch')`) and are never sent. */
  failureRate?: number
  /** Randomness in [0, 1) for failures and jitter (default `Math.random`); tests pass a seeded one. */
  random?: () => number
}

/** The longest latency or jitter a run may inject: past a minute, the app's own timeouts are all it shows. */
const MAX_FAULT_MS = 60_000

/** Checks the `fault` part of a scenario; an error names the field and the rule. */
export function resolveSlowNetwork(input: SlowNetworkFault): Required<SlowNetworkFault> {
  if (typeof input !== 'object' || input === null)
    throw new LoadScenarioError('fault', 'must be an object { latencyMs, jitterMs, failureRate }')
  if (input.random !== undefined && typeof input.random !== 'function')
    throw new LoadScenarioError('fault.random', 'must be a function returning [0, 1)')
  return {
    latencyMs: checkNumber('fault.latencyMs', input.latencyMs, 0, MAX_FAULT_MS, ' ms'),
    jitterMs: input.jitterMs === undefined ? 0 : checkNumber('fault.jitterMs', input.jitterMs, 0, MAX_FAULT_MS, ' ms'),
    failureRate: input.failureRate === undefined ? 0 : checkNumber('fault.failureRate', input.failureRate, 0, 1),
    random: input.random ?? Math.random,
  }
}

/** The result part of a run with a fault. */
export function slowNetworkResult(spec: Required<SlowNetworkFault>, fault: NetworkFault): SlowNetworkResult {
  return {
    latencyMs: spec.latencyMs,
    jitterMs: spec.jitterMs,
    failureRate: spec.failureRate,
    delayed: fault.delayed,
    failed: fault.failed,
  }
}
