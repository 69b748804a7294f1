import { LoadScenarioError } from './errors.ts'
import { checkNumber } from './checkNumber.ts'
import type { LoadLimits } from './loadOptions.ts'
import type { MemoryPressureResult } from '../../types.ts'
export type { MemoryPressureResult }

/**
 * The `memory` part of a scenario (the `Memory pressure` preset): hold memory in steps up to a total, keep it
 * for `holdMs`, then let it go, to see how the app and its garbage collector behave. Give `steps` or
 * `targetBytes`; the total is refused over `limits.maxMemoryBytes` before anything is allocated.
 */
export interface MemoryPressureSpec {
  /** Bytes added at each step (1 KiB up to the cap). */
  stepBytes: number
  /** Number of steps (1 to 1000); the total is `stepBytes × steps`. */
  steps?: number
  /** Total to reach instead of `steps`, bytes; the last step is smaller when it does not divide evenly. */
  targetBytes?: number
  /** Time between steps, ms (10 to 60 000; default 1000). */
  stepMs?: number
  /** Time the total is held before release, ms (0 to the duration cap; default 5000). */
  holdMs?: number
}

/** A checked `memory` part: the step count worked out and the schedule's length known. */
export interface ResolvedMemoryPressure {
  stepBytes: number
  steps: number
  totalBytes: number
  stepMs: number
  holdMs: number
  /** From the first step to the end of the settle time after release, ms. */
  scheduleMs: number
}

/** After the release, the run waits this long before "after" is read, so the garbage collector has a chance to run. */
export const RELEASE_SETTLE_MS = 1000

/** Checks the `memory` part of a scenario against the cap; an error names the field and the rule. */
export function resolveMemoryPressure(input: MemoryPressureSpec, limits: LoadLimits): ResolvedMemoryPressure {
  if (typeof input !== 'object' || input === null)
    throw new LoadScenarioError('memory', 'must be an object { stepBytes, steps | targetBytes, stepMs, holdMs }')
  const cap = limits.maxMemoryBytes
  const stepBytes = Math.floor(
    checkNumber('memory.stepBytes', input.stepBytes, 1024, cap, ' bytes (load.limits.maxMemoryBytes)'),
  )
  if ((input.steps === undefined) === (input.targetBytes === undefined)) {
    throw new LoadScenarioError('memory', 'must give either steps or targetBytes (exactly one)')
  }
  let steps: number
  let totalBytes: number
  if (input.steps !== undefined) {
    steps = checkNumber('memory.steps', input.steps, 1, 1000)
    if (!Number.isInteger(steps)) throw new LoadScenarioError('memory.steps', `must be a whole number, got ${steps}`)
    totalBytes = stepBytes * steps
    if (totalBytes > cap) {
      throw new LoadScenarioError(
        'memory.steps',
        `would hold ${mib(totalBytes)} MiB (${steps} × ${mib(stepBytes)} MiB), over the ${mib(cap)} MiB cap (load.limits.maxMemoryBytes)`,
      )
    }
  } else {
    totalBytes = Math.floor(
      checkNumber(
        'memory.targetBytes',
        input.targetBytes,
        stepBytes,
        cap,
        ' bytes (at least one step, at most load.limits.maxMemoryBytes)',
      ),
    )
    steps = Math.ceil(totalBytes / stepBytes)
    if (steps > 1000)
      throw new LoadScenarioError(
        'memory.targetBytes',
        `needs ${steps} steps of ${stepBytes} bytes; at most 1000 (raise stepBytes)`,
      )
  }
  const stepMs = input.stepMs === undefined ? 1000 : checkNumber('memory.stepMs', input.stepMs, 10, 60_000, ' ms')
  const holdMs =
    input.holdMs === undefined ? 5000 : checkNumber('memory.holdMs', input.holdMs, 0, limits.maxDurationMs, ' ms')
  return { stepBytes, steps, totalBytes, stepMs, holdMs, scheduleMs: steps * stepMs + holdMs + RELEASE_SETTLE_MS }
}

/** Bytes as MiB for messages: whole when exact, else one decimal. */
export function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(bytes % 2 ** 20 === 0 ? 0 : 1)
}
