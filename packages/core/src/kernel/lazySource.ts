import { whenIdle } from '../lib/whenIdle.ts'
import type { MetricName } from '../types.ts'
import type { MonitorContext, Source } from './source.ts'

/**
 * A source whose code arrives by dynamic import at the first idle moment after `start()`, so it weighs nothing
 * on the app's first load. Samples emitted before it starts are kept for it and replayed (`onSample` with
 * `replayEarly`); observers it starts late read the browser's buffered entries. A chunk that cannot load is
 * reported in `snapshot().errors` and the rest of the monitor runs on.
 */
export function lazySource(name: string, metric: MetricName | null, load: () => Promise<Source>): Source {
  return {
    name,
    metric,
    start(context) {
      let stop: (() => void) | null = null
      let stopped = false
      const release = context.holdEarlySamples()
      const late = lateContext(context)
      const cancel = whenIdle(() => {
        load().then(
          (source) => {
            if (!stopped) stop = context.guard.run(name, () => source.start(late)) ?? null
            release()
          },
          (error: unknown) => {
            context.guard.report(name, error)
            release()
          },
        )
      })
      return () => {
        stopped = true
        cancel()
        release()
        stop?.()
      }
    },
  }
}

/** The context a late source gets: the same, except that its sample listeners first receive the early samples. */
function lateContext(context: MonitorContext): MonitorContext {
  const late = Object.create(context) as MonitorContext
  late.onSample = (listener) => context.onSample(listener, true)
  return late
}
