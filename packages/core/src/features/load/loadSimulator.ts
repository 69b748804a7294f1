import type { MonitorContext } from '../../kernel/source.ts'
import { LoadScenarioError } from './errors.ts'
import { toK6Script } from './k6Export.ts'
import type { ResolvedLoadOptions } from './loadOptions.ts'
import { PRESET_NAMES, presetScenario, type PresetName } from './presets.ts'
import type { LoadRun } from './runner.ts'
import type { LoadProgress, LoadRunResult } from './runTypes.ts'
import { checkHost, type LoadLimits, type SafetyContext } from './safety.ts'
import { resolveScenario, type LoadScenario, type ResolvedScenario } from './scenario.ts'

/** `snapshot().load`: the active run's progress, the last result, and the last refusal. */
export interface LoadState {
  active: LoadProgress | null
  last: LoadRunResult | null
  /** Why the last `run()` was refused (a `LoadScenarioError` message), or null. */
  error: string | null
}

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
  /** The scenario as a k6 script. Throws like `run()` for a bad scenario. */
  toK6(scenario: LoadScenario): string
}

/**
 * The runner (pacing, results, memory pressure, fault injection) is its own chunk, fetched by the first `run()`:
 * an app that never load-tests never downloads it.
 */
const loadRunner = () => import('./runner.ts')

export function createLoadSimulator(context: MonitorContext, options: ResolvedLoadOptions, isRunning: () => boolean): LoadSimulator {
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
      let resolved: ResolvedScenario
      try {
        if (typeof window === 'undefined') throw new LoadScenarioError('page', 'has no window: the simulator runs in a browser')
        if (!isRunning()) throw new LoadScenarioError('monitor', 'is not started; call monitor.start() first')
        if (current || starting) throw new LoadScenarioError('run', `is refused: ${current?.runId ?? 'a run'} is still active (one run at a time)`)
        checkHost(safety())
        resolved = resolveScenario(scenario, options.limits, safety())
      } catch (error) {
        if (error instanceof LoadScenarioError) publish({ error: error.message })
        throw error
      }
      const pending: { stopReason: string | null } = { stopReason: null }
      starting = pending
      document.addEventListener('visibilitychange', onHidden)
      window.addEventListener('pagehide', onPageHide)
      let run: LoadRun
      try {
        const { LoadRun } = await loadRunner()
        run = new LoadRun(
          resolved,
          options.limits,
          context.guard.wrap('load', (progress: LoadProgress) => publish({ active: progress })),
          context.requestHooks,
          safety(),
        )
      } catch (error) {
        document.removeEventListener('visibilitychange', onHidden)
        window.removeEventListener('pagehide', onPageHide)
        publish({ error: `the load runner could not load: ${error instanceof Error ? error.message : String(error)}` })
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
    toK6(scenario) {
      return toK6Script(resolveScenario(scenario, options.limits, safety()), location.origin)
    },
  }
}
