import { IdleTask } from '../../lib/idleTask.ts'
import { observe } from '../../lib/observe.ts'
import type { Source } from '../../kernel/source.ts'
import { markSupport } from '../../kernel/markSupport.ts'
import { Histogram } from '../../stats/histogram.ts'
import type { MetricName, Snapshot, TaskStats } from '../../types.ts'

/** The slices that hold a {@link TaskStats}. */
type TaskSlice = { [K in keyof Snapshot]: Snapshot[K] extends TaskStats ? K : never }[keyof Snapshot]

export interface TaskStatsSourceConfig {
  name: string
  metric: MetricName
  entryType: string
  slice: TaskSlice
  /** Key of the sample emitted per entry. */
  sampleKey: string
  /** Passed to the observer for `event` entries (ms, the spec's minimum is 16). */
  durationThreshold?: number
  /** Entries to leave out (e.g. event entries that are not interactions). */
  keep?: (entry: PerformanceEntry) => boolean
}

/**
 * A source that counts one kind of timed entry (long tasks, long animation frames, event timing) and keeps
 * their durations in a histogram. Entries are aggregated as they arrive; the summary is published when idle.
 */
export function createTaskStatsSource(config: TaskStatsSourceConfig): Source {
  return {
    name: config.name,
    metric: config.metric,
    start(context) {
      const histogram = new Histogram()
      let totalMs = 0
      const publish = new IdleTask(
        context.guard.wrap(config.name, () => {
          context.publish({ [config.slice]: { count: histogram.count, totalMs, duration: histogram.summary() } })
        }),
      )
      const observation = observe(
        config.entryType,
        context.guard.wrap(config.name, (entries: PerformanceEntry[]) => {
          for (const entry of entries) {
            if (config.keep && !config.keep(entry)) continue
            histogram.add(entry.duration)
            totalMs += entry.duration
            context.emit({ key: config.sampleKey, t: entry.startTime, v: entry.duration })
          }
          publish.schedule()
        }),
        config.durationThreshold === undefined ? {} : { durationThreshold: config.durationThreshold },
      )
      markSupport(context, config.name, observation.supported)
      return () => {
        observation.disconnect()
        publish.flush()
        publish.dispose()
      }
    },
  }
}
