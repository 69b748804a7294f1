import type { LoadRunResult } from '../load/runTypes.ts'
import { dayOf } from './retention.ts'

/** Load runs kept in history; older ones are deleted when a new one is stored (and all after 6 months). */
export const MAX_STORED_RUNS = 50

/**
 * `run:<day>:<startedAt>:<runId>`: the day lets retention prune runs like daily summaries, and the zero-padded
 * start time makes key order the order the runs started in.
 */
export function runKey(run: LoadRunResult): string {
  return `run:${dayOf(run.startedAt)}:${String(run.startedAt).padStart(15, '0')}:${run.runId}`
}

/** Stored run keys, oldest first. */
export function runKeys(keys: readonly string[]): string[] {
  return keys.filter((k) => k.startsWith('run:')).sort()
}

/** The key of a stored run by its id, or undefined. */
export function runKeyOf(keys: readonly string[], runId: string): string | undefined {
  return runKeys(keys).find((k) => k.endsWith(`:${runId}`))
}

/** Run keys beyond the newest {@link MAX_STORED_RUNS}. */
export function runKeysOverLimit(keys: readonly string[]): string[] {
  const runs = runKeys(keys)
  return runs.slice(0, Math.max(0, runs.length - MAX_STORED_RUNS))
}

/** True for a stored value with the shape of a load-run result; anything else is skipped and counted. */
export function isLoadRun(value: unknown): value is LoadRunResult {
  const v = value as Partial<LoadRunResult> | null
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.runId === 'string' &&
    typeof v.startedAt === 'number' &&
    Array.isArray(v.endpoints)
  )
}
