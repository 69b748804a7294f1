import { createMonitor, type LoadScenario } from '@perfscope/core'
import { constantRateScenario } from './loadScenario.ts'

/** What the load page offers the runner, as `window.benchLoad`. */
export interface LoadHarness {
  /** Runs the load simulator at `rate` req/s against `/json` for `durationMs`; resolves with its result. */
  run(rate: number, durationMs: number): Promise<unknown>
}

declare global {
  interface Window {
    benchLoad: LoadHarness
  }
}

interface LoadSimulator {
  run(scenario: LoadScenario): Promise<unknown>
}

const monitor = createMonitor()
monitor.start()
// Feature detection through the public monitor: the load simulator is `monitor.load`.
const load = (monitor as unknown as { load?: Partial<LoadSimulator> }).load
if (typeof load?.run !== 'function') {
  window.benchFailed = 'monitor.load.run is not a function (no load simulator in @perfscope/core)'
} else {
  const simulator = load as LoadSimulator
  window.benchLoad = {
    run: async (rate, durationMs) => {
      const result = await simulator.run(constantRateScenario(`${location.origin}/json`, rate, durationMs))
      // Plain data only: the result goes back to the runner through page.evaluate.
      return JSON.parse(JSON.stringify(result ?? null)) as unknown
    },
  }
  window.benchReady = true
}
