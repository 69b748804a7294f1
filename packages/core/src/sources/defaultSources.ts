import type { Source } from '../source.ts'
import type { MonitorOptions } from '../options.ts'
import { networkSource } from '../network/networkSource.ts'
import { eventsSource } from './events.ts'
import { framesSource } from './frames.ts'
import { layoutShiftsSource } from './layoutShifts.ts'
import { longAnimationFramesSource } from './longAnimationFrames.ts'
import { longTasksSource } from './longTasks.ts'
import { memorySource } from './memory.ts'
import { navigationSource } from './navigation.ts'
import { paintSource } from './paint.ts'
import { routesSource } from './routes.ts'
import { webVitalsSource } from './webVitals.ts'

/** The sources a monitor starts when none are given, in start order. */
export function defaultSources(options: MonitorOptions = {}): Source[] {
  return [
    networkSource(options.network),
    webVitalsSource,
    navigationSource,
    paintSource,
    longTasksSource,
    longAnimationFramesSource,
    layoutShiftsSource,
    eventsSource,
    routesSource,
    memorySource,
    framesSource,
  ]
}
