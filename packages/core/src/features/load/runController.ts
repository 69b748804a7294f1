import type { MonitorContext } from '../../kernel/source.ts'
import type { LoadState } from '../../types.ts'
import { LoadScenarioError } from './errors.ts'
import { toK6Script } from './k6Export.ts'
import type { ResolvedLoadOptions } from './loadOptions.ts'
import { LoadRun } from './runner.ts'
import type { LoadProgress, LoadRunResult } from './runTypes.ts'
import { checkHost, type SafetyContext } from './safety.ts'
import { resolveScenario, type LoadScenario } from './scenario.ts'

/** What the façade shares with a run: its stop and getters read `current` and `starting` while the run goes on. */
export interface RunHost {
  readonly context: MonitorContext
  readonly options: ResolvedLoadOptions
  /** The active run, from its runner's arrival to its end. */
  current: LoadRun | null
  /** Set between an accepted `run()` and its runner's arrival; a stop meanwhile is kept here and applied on arrival. */
  starting: { stopReason: string | null } | null
  publish(patch: Partial<LoadState>): void
  /** Adds (true) or removes the listeners that stop the run when the page is hidden or closed. */
  listen(on: boolean): void
}

/** Why `run()` was refused when the app called it, before the engine arrived. */
export type RunRefusal = 'window' | 'stopped' | 'busy'

function refusalError(refusal: RunRefusal, host: RunHost): LoadScenarioError {
  if (refusal === 'window') return new LoadScenarioError('page', 'has no window: the simulator runs in a browser')
  if (refusal === 'stopped') return new LoadScenarioError('monitor', 'is not started; call monitor.start() first')
  const active = host.current?.runId ?? 'a run'
  return new LoadScenarioError('run', `is refused: ${active} is still active (one run at a time)`)
}

const safety = (options: ResolvedLoadOptions): SafetyContext => ({
  pageUrl: location.href,
  allowOrigins: options.allowOrigins,
  allowNonDevelopmentHost: options.allowNonDevelopmentHost,
})

/**
 * The rest of `run()`, once the engine has arrived: throws the refusal the façade decided on, else checks the
 * scenario and runs it to its end.
 */
export async function runScenario(
  host: RunHost,
  scenario: LoadScenario,
  refusal: RunRefusal | null,
): Promise<LoadRunResult> {
  const { context, options } = host
  if (refusal !== null) {
    const error = refusalError(refusal, host)
    host.publish({ error: error.message })
    throw error
  }
  const pending = host.starting!
  let run: LoadRun
  try {
    const target = safety(options)
    checkHost(target)
    run = new LoadRun(
      resolveScenario(scenario, options.limits, target),
      options.limits,
      context.guard.wrap('load', (progress: LoadProgress) => host.publish({ active: progress })),
      context.requestHooks,
      target,
    )
  } catch (error) {
    if (error instanceof LoadScenarioError) host.publish({ error: error.message })
    host.listen(false)
    throw error
  } finally {
    host.starting = null
  }
  host.current = run
  host.publish({ active: run.progress(), error: null })
  // Stopped while the runner was on its way: it ends before sending anything, with a result like any stop.
  if (pending.stopReason !== null) run.stop('stopped', pending.stopReason)
  else run.start()
  const result = await run.done
  host.listen(false)
  // Cleared before the result is published, so a listener to it may start the next run at once.
  host.current = null
  host.publish({ active: null, last: result })
  return result
}

/** `toK6()`: the scenario checked as `run()` checks it, as a k6 script against this page's origin. */
export function k6Script(scenario: LoadScenario, options: ResolvedLoadOptions): string {
  return toK6Script(resolveScenario(scenario, options.limits, safety(options)), location.origin)
}
