import type { MonitorContext } from '../../kernel/source.ts'
import { LoadScenarioError } from './errors.ts'
import type { ResolvedLoadOptions } from './loadOptions.ts'
import { PRESET_NAMES, presetScenario, type PresetName } from './presets.ts'
import type { LoadRun } from './runner.ts'
import type { LoadProgress, LoadRunResult } from './runTypes.ts'
import type { SafetyContext } from './safety.ts'
import type { LoadLimits } from './loadOptions.ts'
import type { LoadScenario, ResolvedScenario } from './scenario.ts'
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
  /** Ready-made scenarios over the GET endpoints the app has been seen calling. */
  presets(): Array<{ name: PresetName; scenario: LoadScenario }>
  /** The scenario as a k6 script. Rejects like `run()` for a bad scenario. */
  toK6(scenario: LoadScenario): Promise<string>
}

/**
 * Scenario checks, the runner (pacing, results, memory pressure, fault injection) and the k6 writer are
 * one chunk, fetched by the first `run()` or `toK6()`: an app that never load-tests never downloads it.
 */
const loadEngine = () => import('./loadEngine.ts')

export function createLoadSimulator(
  context: MonitorContext,
  options: ResolvedLoadOptions,
  isRunning: () => boolean,
): LoadSimulator {
  let current: LoadRun | null = null
  /** Set between an accepted `run()` and its runner's arrival; a stop meanwhile is kept here and applied on arrival. */
  let starting: { stopReason: string | null } | null = null
  const safety = (): SafetyContext => ({
    pageUrl: location.href,
    allowOrigins: options.allowOrigins,
    allowNonDevelopmentHost: options.allowNonDevelopmentHost,
  })
  const publish = (patch: Partial<LoadState>) => {
    const previous = context.read().load ?? { active: null, last: null, error: null }
    context.publish({ load: { ...previous, ...patch } })
  }
  const stopRun = (reason: string) => {
    if (starting) starting.stopReason = reason
    current?.stop('stopped', reason)
  }
  const onHidden = () => {
    if (document.visibilityState === 'hidden') stopRun('the page was hidden')
  }
  const onPageHide = () => stopRun('the page was closed')

  return {
    async run(scenario) {
      const refuse = (error: LoadScenarioError): never => {
        publish({ error: error.message })
        throw error
      }
      if (typeof window === 'undefined')
        refuse(new LoadScenarioError('page', 'has no window: the simulator runs in a browser'))
      if (!isRunning()) refuse(new LoadScenarioError('monitor', 'is not started; call monitor.start() first'))
      if (current || starting)
        refuse(
          new LoadScenarioError('run', `is refused: ${current?.runId ?? 'a run'} is still active (one run at a time)`),
        )
      const pending: { stopReason: string | null } = { stopReason: null }
      starting = pending
      document.addEventListener('visibilitychange', onHidden)
      window.addEventListener('pagehide', onPageHide)
      let run: LoadRun
      try {
        let engine: Awaited<ReturnType<typeof loadEngine>>
        try {
          engine = await loadEngine()
        } catch (error) {
          publish({
            error: `the load runner could not load: ${error instanceof Error ? error.message : String(error)}`,
          })
          throw error
        }
        let resolved: ResolvedScenario
        try {
          engine.checkHost(safety())
          resolved = engine.resolveScenario(scenario, options.limits, safety())
        } catch (error) {
          if (error instanceof LoadScenarioError) publish({ error: error.message })
          throw error
        }
        run = new engine.LoadRun(
          resolved,
          options.limits,
          context.guard.wrap('load', (progress: LoadProgress) => publish({ active: progress })),
          context.requestHooks,
          safety(),
        )
      } catch (error) {
        document.removeEventListener('visibilitychange', onHidden)
        window.removeEventListener('pagehide', onPageHide)
        throw error
      } finally {
        starting = null
      }
      current = run
      publish({ active: run.progress(), error: null })
      // Stopped while the runner was on its way: it ends before sending anything, with a result like any stop.
      if (pending.stopReason !== null) run.stop('stopped', pending.stopReason)
      else run.start()
      const result = await run.done
      document.removeEventListener('visibilitychange', onHidden)
      window.removeEventListener('pagehide', onPageHide)
      current = null
      publish({ active: null, last: result })
      return result
    },
    stop(reason = 'emergency stop') {
      stopRun(reason)
    },
    get active() {
      return current !== null || starting !== null
    },
    get pendingTimers() {
      return current?.pendingTimers ?? 0
    },
    limits: options.limits,
    allowOrigins: [...options.allowOrigins],
    presets() {
      const endpoints = context.read().endpoints
      return PRESET_NAMES.map((name) => ({ name, scenario: presetScenario(name, endpoints) }))
    },
    async toK6(scenario) {
      const { resolveScenario, toK6Script } = await loadEngine()
      return toK6Script(resolveScenario(scenario, options.limits, safety()), location.origin)
    },
  }
}
