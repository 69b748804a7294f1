/**
 * The scenario the bench gives `monitor.load.run()`: `rate` requests a second to `url` for `durationMs`, k6's
 * constant-arrival-rate executor. Kept in one place so it follows the load simulator's scenario type.
 */
export function constantRateScenario(url: string, rate: number, durationMs: number): Record<string, unknown> {
  return {
    name: 'bench-constant-rate',
    executor: 'constant-arrival-rate',
    rate,
    durationMs,
    maxVirtualUsers: 50,
    requests: [{ method: 'GET', url }],
  }
}
