import type { LoadScenario } from '@perfscope/core'

const MIB = 2 ** 20

/** Editable numbers of a preset, before the run; the caps themselves are only raised in code. */
export interface Params {
  users: number
  rate: number
  durationS: number
  /** Memory pressure: bytes added per step and the total, MiB. */
  stepMiB: number
  capMiB: number
  /** Slow network: injected delay and its spread, ms, and the share failed, %. */
  latencyMs: number
  jitterMs: number
  failurePct: number
}

export const DEFAULT_PARAMS: Params = {
  users: 10,
  rate: 20,
  durationS: 30,
  stepMiB: 16,
  capMiB: 128,
  latencyMs: 1500,
  jitterMs: 500,
  failurePct: 10,
}

/** What a preset does: send requests, hold memory, or slow the app's own requests. */
export type ScenarioKind = 'traffic' | 'memory' | 'fault'

export function kindOf(scenario: LoadScenario): ScenarioKind {
  return scenario.memory ? 'memory' : scenario.fault ? 'fault' : 'traffic'
}

/** The preset with the panel's numbers applied. */
export function withParams(scenario: LoadScenario, p: Params): LoadScenario {
  if (scenario.memory)
    return { ...scenario, memory: { ...scenario.memory, stepBytes: p.stepMiB * MIB, targetBytes: p.capMiB * MIB } }
  if (scenario.fault) {
    return {
      ...scenario,
      durationMs: p.durationS * 1000,
      fault: { latencyMs: p.latencyMs, jitterMs: p.jitterMs, failureRate: p.failurePct / 100 },
    }
  }
  if (scenario.executor === 'constant-users') return { ...scenario, users: p.users, durationMs: p.durationS * 1000 }
  if (scenario.executor === 'constant-arrival-rate')
    return { ...scenario, rate: p.rate, durationMs: p.durationS * 1000 }
  // Ramping presets: stretch the stages to the chosen duration and scale their peak.
  const stages = scenario.stages ?? []
  const total = stages.reduce((sum, s) => sum + s.durationMs, 0) || 1
  const peak = Math.max(1, ...stages.map((s) => s.target))
  const target = scenario.executor === 'ramping-users' ? p.users : p.rate
  return {
    ...scenario,
    stages: stages.map((s) => ({
      durationMs: Math.round((s.durationMs / total) * p.durationS * 1000),
      target: Math.round((s.target / peak) * target),
    })),
  }
}
