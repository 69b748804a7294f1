import { whenIdle } from '../lib/whenIdle.ts'
import type { MetricName } from '../types.ts'
import type { MonitorContext, Source } from './source.ts'

/**
 * A source whose code arrives by dynamic import at the first idle moment after `start()`, so it weighs nothing
 * on the app's first load. Samples emitted before it starts are kept for it and replayed (`onSample` with
 * `replayEarly`); observers it starts late read the browser's buffered entries. A report or a save asked for
 * before that moment (`Kernel.collect()`) loads it at once and waits for what it folds. A chunk that cannot
 * load is reported in `snapshot().errors` and the rest of the monitor runs on.
 */
export function lazySource(name: string, metric: MetricName | null, load: () => Promise<Source>): Source {
  return {
    name,
    metric,
    start(context) {
      let stop: (() => void) | null = null
      let started = false
      let stopped = false
      let loading: Promise<void> | null = null
      const release = context.holdEarlySamples()
      const late = lateContext(context)
      const begin = () => {
        loading ??= load().then(
          (source) => {
            if (!stopped) {
              started = true
              stop = context.guard.run(name, () => source.start(late.context)) ?? null
            }
            release()
          },
          (error: unknown) => {
            context.guard.report(name, error)
            release()
          },
        )
        return loading
      }
      const cancel = whenIdle(() => context.guard.run(name, begin))
      // Once started, the source's own collectors are the kernel's; until then, this one brings them in.
      const offCollect = context.onCollect(() => {
        if (started || stopped) return
        cancel()
        return begin().then(late.collect)
      })
      return () => {
        stopped = true
        cancel()
        offCollect()
        release()
        stop?.()
      }
    },
  }
}

/**
 * The context a late source gets: the same, except that its sample listeners first receive the early samples,
 * and that the collectors it registers can also be run right after it starts (`collect`).
 */
function lateContext(context: MonitorContext): { context: MonitorContext; collect: () => Promise<void> } {
  const late = Object.create(context) as MonitorContext
  const collectors = new Set<() => void | Promise<void>>()
  late.onSample = (listener) => context.onSample(listener, true)
  late.onSamples = (listener) => context.onSamples(listener, true)
  late.onCollect = (collect) => {
    collectors.add(collect)
    const off = context.onCollect(collect)
    return () => {
      collectors.delete(collect)
      off()
    }
  }
  const collect = async () => {
    await Promise.all([...collectors].map((c) => context.guard.run('collect', c)))
  }
  return { context: late, collect }
}
