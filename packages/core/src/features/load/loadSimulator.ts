import type { MonitorContext } from '../../kernel/source.ts'
import type { LoadLimits, ResolvedLoadOptions } from './loadOptions.ts'
import type { PresetName } from './presets.ts'
import type { RunHost, RunRefusal } from './runController.ts'
import type { LoadRunResult } from './runTypes.ts'
import type { LoadScenario } from './scenario.ts'
import type { LoadState } from '../../types.ts'
export type { LoadState }

/** `monitor.load`: the in-page load simulator. */
export interface LoadSimulator {
  /**
   * Runs a scenario to its end (or a stop) and resolves with the results. Rejects with a `LoadScenarioError`,
   * before anything is sent, for a bad scenario, a forbidden target, a non-development host, or a run already active.
   */
  run(scenario: LoadScenario): Promise<LoadRunResult>
  /** Emergency stop: aborts every in-flight request of the run and cancels every timer of it at once. */
  stop(reason?: string): void
  /** True while a run is active. */
  readonly active: boolean
  /** Timers the active run holds, delayed app requests of a slow network included (0 when none is active). */
  readonly pendingTimers: number
  /** The caps in force (what the app's code set in `load.limits`, else the defaults). */
  readonly limits: Readonly<LoadLimits>
  /** Origins besides the page's own that runs may target (`load.allowOrigins`), so a panel can offer them. */
  readonly allowOrigins: readonly string[]
  /** Ready-made scenarios over the GET endpoints the app has been seen calling; built in the engine's chunk. */
  presets(): Promise<Array<{ name: PresetName; scenario: LoadScenario }>>
  /** The scenario as a k6 script. Rejects like `run()` for a bad scenario. */
  toK6(scenario: LoadScenario): Promise<string>
}

/**
 * Scenario checks, the runner (pacing, results, memory pressure, fault injection), the presets and the k6 writer
 * are one chunk, fetched by the first `run()`, `toK6()` or `presets()`: an app that never load-tests never downloads it.
 */
const loadEngine = () => import('./loadEngine.ts')

export function createLoadSimulator(
  context: MonitorContext,
  options: ResolvedLoadOptions,
  isRunning: () => boolean,
): LoadSimulator {
  const stopRun = (reason: string) => {
    if (host.starting) host.starting.stopReason = reason
    host.current?.stop('stopped', reason)
  }
  // Listening from the accepted `run()` on, not from the engine's arrival: hiding the page meanwhile stops the run too.
  const onLeave = (event: Event) => {
    if (event.type === 'pagehide') stopRun('the page was closed')
    else if (document.visibilityState === 'hidden') stopRun('the page was hidden')
  }
  const host: RunHost = {
    context,
    options,
    current: null,
    starting: null,
    publish(patch) {
      const previous = context.read().load ?? { active: null, last: null, error: null }
      context.publish({ load: { ...previous, ...patch } })
    },
    listen(on) {
      const method = on ? 'addEventListener' : 'removeEventListener'
      document[method]('visibilitychange', onLeave)
      window[method]('pagehide', onLeave)
    },
  }

  return {
    async run(scenario) {
      // Decided when the app calls, worded by the engine: a second run() in the same tick is refused, and a run
      // accepted here is stopped by a hidden page even while its engine is on its way.
      const refusal: RunRefusal | null =
        typeof window === 'undefined'
          ? 'window'
          : !isRunning()
            ? 'stopped'
            : host.current || host.starting
              ? 'busy'
              : null
      if (refusal === null) {
        host.starting = { stopReason: null }
        host.listen(true)
      }
      const engine = await loadEngine().catch((error: unknown) => {
        host.publish({ error: `the load runner could not load: ${String(error)}` })
        if (refusal === null) {
          host.listen(false)
          host.starting = null
        }
        throw error
      })
      return engine.runScenario(host, scenario, refusal)
    },
    stop(reason = 'emergency stop') {
      stopRun(reason)
    },
    get active() {
      return host.current !== null || host.starting !== null
    },
    get pendingTimers() {
      return host.current?.pendingTimers ?? 0
    },
    limits: options.limits,
    allowOrigins: [...options.allowOrigins],
    async presets() {
      return (await loadEngine()).allPresets(context.read().endpoints)
    },
    async toK6(scenario) {
      return (await loadEngine()).k6Script(scenario, options)
    },
  }
}
