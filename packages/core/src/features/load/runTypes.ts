import type { LoadRunStatus, LoadRunResult, LoadProgress } from '../../types.ts'
export type { LoadRunStatus, LoadRunResult, LoadProgress }

/**
 * What a load run reports, apart from the runner that produces it: the eager parts of perfscope (the simulator's
 * front, history, budgets, the CLI) use these types and the header name without loading the runner's chunk.
 */

/** The request header that marks the simulator's traffic, so servers and the client keep it apart from the app's own. */
export const LOAD_HEADER = 'X-Perfscope-Load'
