import type { LoadScenario } from '@perfscope/core'

/**
 * The scenario the bench gives `monitor.load.run()`: `rate` requests a second to `url` for `durationMs`, k6's
 * constant-arrival-rate executor, with the simulator's default safety limits.
 */
export function constantRateScenario(url: string, rate: number, durationMs: number): LoadScenario {
  return {
    name: 'bench-constant-rate',
    executor: 'constant-arrival-rate',
    rate,
    durationMs,
    requests: [{ method: 'GET', url }],
  }
}
