import { parseThreshold, type ThresholdExpression } from '../budgets/expression.ts'
import { checkNumber } from './checkNumber.ts'
import { LoadScenarioError } from './errors.ts'
import { resolveMemoryPressure, type MemoryPressureSpec, type ResolvedMemoryPressure } from './memoryPressure.ts'
import { resolveSlowNetwork, type SlowNetworkFault } from './slowNetwork.ts'
import { checkTarget, type SafetyContext } from './safety.ts'
import type { LoadLimits } from './loadOptions.ts'

export type ExecutorName = 'constant-users' | 'ramping-users' | 'constant-arrival-rate' | 'ramping-arrival-rate'
export const EXECUTORS: readonly ExecutorName[] = [
  'constant-users',
  'ramping-users',
  'constant-arrival-rate',
  'ramping-arrival-rate',
]

/** One request a scenario sends; picked by `weight` among the scenario's requests. */
export interface LoadRequest {
  method?: string
  /** Same-origin path or allow-listed absolute URL. */
  url: string
  /** Relative frequency (default 1). */
  weight?: number
  /** A fixed body, or a generator called per request. */
  body?: string | ((iteration: number) => string)
  /** Sends a generated body of this many bytes (capped by `maxPayloadBytes`). */
  payloadBytes?: number
  headers?: Record<string, string>
}

/** A ramp step: reach `target` users (or requests per second) over `durationMs`. */
export interface LoadStage {
  durationMs: number
  target: number
}

/** What a custom scenario function gets for each iteration of a simulated user. */
export interface VirtualUser {
  /** 0-based user number. */
  id: number
  iteration: number
  /**
   * `fetch`, tagged with `X-Perfscope-Load`, aborted by a stop, counted in the run's results, and held to the same
   * limits as every request of the run: the page's origin or `load.allowOrigins` only (anything else ends the run
   * with an error), bodies of known size under `maxPayloadBytes`, `maxConcurrency` in flight and `maxRps` starts
   * for the whole page, redirects not followed (the response is the redirect, type `opaqueredirect`).
   */
  fetch(input: string, init?: RequestInit): Promise<Response>
  /** Waits, unless the run stops first. */
  sleep(ms: number): Promise<void>
}

/**
 * A load scenario: data (requests, executor, numbers) plus, optionally, a per-user async function.
 * Thresholds use k6's syntax: `{ http_req_duration: ['p(95)<2000'], http_req_failed: ['rate<0.01'] }`,
 * per endpoint as `http_req_duration{endpoint:GET /api/items}`.
 */
export interface LoadScenario {
  name?: string
  /** How requests are paced; required when the scenario sends requests, left out when it sends none. */
  executor?: ExecutorName
  /** constant-users: simulated users. */
  users?: number
  /** constant-arrival-rate: requests started per second, whatever the latency. */
  rate?: number
  /** Constant executors and scenarios that send no requests: run length, ms. */
  durationMs?: number
  /** ramping executors: the stages. */
  stages?: LoadStage[]
  /** Pause between a user's iterations, ms (default 1000 for user executors). */
  thinkTimeMs?: number
  requests?: LoadRequest[]
  /** Custom scenario: one call per iteration of each user (login storm, bulk operation…). */
  user?: (vu: VirtualUser) => Promise<void>
  thresholds?: Record<string, string[]>
  /** Stop at the first threshold breach (checked every second). */
  abortOnFail?: boolean
  /** Auto-stop limits; on by default (error rate 50 %, p95 10 s). */
  autoStop?: { errorRate?: number; p95Ms?: number; heapBytes?: number }
  /** Memory pressure: memory held in steps up to a cap, then released (the `Memory pressure` preset). */
  memory?: MemoryPressureSpec
  /** Latency, jitter and failures injected into the app's own fetch calls (the `Slow network` preset). */
  fault?: SlowNetworkFault
}

export interface ResolvedRequest {
  method: string
  url: URL
  weight: number
  body: LoadRequest['body'] | undefined
  payloadBytes: number
  headers: Record<string, string>
}

export interface ResolvedThreshold {
  metric: 'http_req_duration' | 'http_req_failed' | 'http_reqs'
  endpoint: string | null
  source: string
  expression: ThresholdExpression
}

export interface ResolvedScenario {
  name: string
  /** `none` for a scenario that sends no requests of its own (memory pressure, slow network). */
  executor: ExecutorName | 'none'
  /** Piecewise-linear target (users or rps) over time, from 0 ms to `durationMs`. */
  stages: LoadStage[]
  durationMs: number
  thinkTimeMs: number
  requests: ResolvedRequest[]
  user: LoadScenario['user']
  thresholds: ResolvedThreshold[]
  abortOnFail: boolean
  autoStop: { errorRate: number; p95Ms: number; heapBytes: number | null }
  memory: ResolvedMemoryPressure | null
  fault: Required<SlowNetworkFault> | null
}

/** Default auto-stop: half the requests failing, or p95 over 10 s, means the run has stopped telling anything. */
export const DEFAULT_AUTO_STOP = { errorRate: 0.5, p95Ms: 10_000 }

const THRESHOLD_KEY = /^(http_req_duration|http_req_failed|http_reqs)(?:\{endpoint:([^}]+)\})?$/

/** Checks a scenario against the limits and the safety rules, before anything is sent. */
export function resolveScenario(input: LoadScenario, limits: LoadLimits, safety: SafetyContext): ResolvedScenario {
  if (typeof input !== 'object' || input === null) throw new LoadScenarioError('scenario', 'must be an object')
  // Checked first: a memory total over the cap is refused before anything else is looked at.
  const memory = input.memory === undefined ? null : resolveMemoryPressure(input.memory, limits)
  const fault = input.fault === undefined ? null : resolveSlowNetwork(input.fault)
  const sendsRequests = input.user !== undefined || (Array.isArray(input.requests) && input.requests.length > 0)
  const { executor, stages } =
    sendsRequests || (!memory && !fault) ? pacing(input, limits) : noTraffic(input, limits, memory)
  const durationMs = stages.reduce((sum, s) => sum + s.durationMs, 0)
  if (durationMs > limits.maxDurationMs) {
    throw new LoadScenarioError('stages', `last ${durationMs} ms in all, over the ${limits.maxDurationMs} ms cap`)
  }
  if (memory && memory.scheduleMs > durationMs) {
    throw new LoadScenarioError(
      'memory',
      `lasts ${memory.scheduleMs} ms (steps × stepMs + holdMs + 1 s to settle), longer than the run's ${durationMs} ms`,
    )
  }
  if (!sendsRequests && !memory && !fault) {
    throw new LoadScenarioError('requests', 'must list at least one request (or give a user function, memory or fault)')
  }
  const users = executor.endsWith('users')
  if (input.user !== undefined && typeof input.user !== 'function')
    throw new LoadScenarioError('user', 'must be an async function')
  const requests = (input.requests ?? []).map((r, i): ResolvedRequest => {
    const field = `requests[${i}]`
    if (typeof r?.url !== 'string') throw new LoadScenarioError(`${field}.url`, 'must be a string')
    const method = (r.method ?? 'GET').toUpperCase()
    if (!/^[A-Z]+$/.test(method))
      throw new LoadScenarioError(`${field}.method`, `is not an HTTP method: ${JSON.stringify(r.method)}`)
    const payloadBytes =
      r.payloadBytes === undefined
        ? 0
        : checkNumber(`${field}.payloadBytes`, r.payloadBytes, 0, limits.maxPayloadBytes, ' bytes')
    if (typeof r.body === 'string' && r.body.length > limits.maxPayloadBytes) {
      throw new LoadScenarioError(
        `${field}.body`,
        `is ${r.body.length} bytes, over the ${limits.maxPayloadBytes}-byte cap`,
      )
    }
    return {
      method,
      url: checkTarget(`${field}.url`, r.url, safety),
      weight: r.weight === undefined ? 1 : checkNumber(`${field}.weight`, r.weight, 0.001, 1e6),
      body: r.body,
      payloadBytes,
      headers: { ...r.headers },
    }
  })
  const thresholds: ResolvedThreshold[] = []
  for (const [key, list] of Object.entries(input.thresholds ?? {})) {
    const match = THRESHOLD_KEY.exec(key)
    if (!match) {
      throw new LoadScenarioError(
        `thresholds["${key}"]`,
        'is not http_req_duration, http_req_failed or http_reqs (optionally with {endpoint:METHOD /path})',
      )
    }
    if (!Array.isArray(list))
      throw new LoadScenarioError(`thresholds["${key}"]`, 'must be an array of expressions such as "p(95)<2000"')
    for (const source of list) {
      let expression: ThresholdExpression
      try {
        expression = parseThreshold(source)
      } catch (error) {
        throw new LoadScenarioError(`thresholds["${key}"]`, (error as Error).message.replace(/^perfscope: /, ''))
      }
      thresholds.push({
        metric: match[1] as ResolvedThreshold['metric'],
        endpoint: match[2] ?? null,
        source,
        expression,
      })
    }
  }
  const autoStop = input.autoStop ?? {}
  return {
    name: input.name ?? executor,
    executor,
    stages,
    durationMs,
    thinkTimeMs:
      input.thinkTimeMs === undefined
        ? users
          ? 1000
          : 0
        : checkNumber('thinkTimeMs', input.thinkTimeMs, 0, 60_000, ' ms'),
    requests,
    user: input.user,
    thresholds,
    abortOnFail: input.abortOnFail === true,
    autoStop: {
      errorRate:
        autoStop.errorRate === undefined
          ? DEFAULT_AUTO_STOP.errorRate
          : checkNumber('autoStop.errorRate', autoStop.errorRate, 0, 1),
      p95Ms:
        autoStop.p95Ms === undefined
          ? DEFAULT_AUTO_STOP.p95Ms
          : checkNumber('autoStop.p95Ms', autoStop.p95Ms, 1, 600_000, ' ms'),
      heapBytes:
        autoStop.heapBytes === undefined
          ? null
          : checkNumber('autoStop.heapBytes', autoStop.heapBytes, 1, 1e13, ' bytes'),
    },
    memory,
    fault,
  }
}

/** The executor and stages of a scenario that sends requests. */
function pacing(input: LoadScenario, limits: LoadLimits): { executor: ExecutorName; stages: LoadStage[] } {
  const executor = input.executor
  if (executor === undefined || !EXECUTORS.includes(executor)) {
    throw new LoadScenarioError('executor', `must be one of ${EXECUTORS.join(', ')}, got ${JSON.stringify(executor)}`)
  }
  const users = executor.endsWith('users')
  const cap = users ? limits.maxUsers : limits.maxRps
  if (executor.startsWith('ramping')) {
    if (!Array.isArray(input.stages) || input.stages.length === 0)
      throw new LoadScenarioError('stages', 'must be a non-empty array of { durationMs, target }')
    return {
      executor,
      stages: input.stages.map((s, i) => ({
        durationMs: checkNumber(`stages[${i}].durationMs`, s?.durationMs, 1, limits.maxDurationMs, ' ms'),
        target: checkNumber(`stages[${i}].target`, s?.target, 0, cap, users ? ' users' : ' requests/s'),
      })),
    }
  }
  const durationMs = checkNumber('durationMs', input.durationMs, 1, limits.maxDurationMs, ' ms')
  const target = users
    ? checkNumber('users', input.users, 1, cap, ' users')
    : checkNumber('rate', input.rate, 0.1, cap, ' requests/s')
  // A constant executor is a ramp that starts at its target.
  return {
    executor,
    stages: [
      { durationMs: 0, target },
      { durationMs, target },
    ],
  }
}

/** A scenario that sends nothing of its own: it lasts `durationMs`, or as long as its memory schedule. */
function noTraffic(
  input: LoadScenario,
  limits: LoadLimits,
  memory: ResolvedMemoryPressure | null,
): { executor: 'none'; stages: LoadStage[] } {
  if (input.executor !== undefined) {
    throw new LoadScenarioError(
      'executor',
      'paces requests, and this scenario sends none: add requests or leave executor out',
    )
  }
  const durationMs =
    input.durationMs === undefined && memory
      ? memory.scheduleMs
      : checkNumber('durationMs', input.durationMs, 1, limits.maxDurationMs, ' ms')
  return {
    executor: 'none',
    stages: [
      { durationMs: 0, target: 0 },
      { durationMs, target: 0 },
    ],
  }
}

/** The target (users or requests per second) at `elapsedMs`, interpolated linearly between stages. */
export function targetAt(stages: readonly LoadStage[], elapsedMs: number): number {
  let start = 0
  let from = 0
  for (const stage of stages) {
    if (elapsedMs <= start + stage.durationMs) {
      return stage.durationMs === 0
        ? stage.target
        : from + ((stage.target - from) * (elapsedMs - start)) / stage.durationMs
    }
    start += stage.durationMs
    from = stage.target
  }
  return from
}

/** Requests due by `elapsedMs` under an arrival-rate ramp: the integral of the rate. */
export function arrivalsBy(stages: readonly LoadStage[], elapsedMs: number): number {
  let total = 0
  let start = 0
  let from = 0
  for (const stage of stages) {
    if (stage.durationMs === 0) {
      from = stage.target
      continue
    }
    const span = Math.min(stage.durationMs, Math.max(0, elapsedMs - start))
    const rateAtSpanEnd = from + ((stage.target - from) * span) / stage.durationMs
    total += ((from + rateAtSpanEnd) / 2) * (span / 1000)
    if (elapsedMs <= start + stage.durationMs) return total
    start += stage.durationMs
    from = stage.target
  }
  return total
}
