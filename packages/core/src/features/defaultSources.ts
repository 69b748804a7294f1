import type { Source } from '../kernel/source.ts'
import type { MonitorOptions } from '../kernel/options.ts'
import { networkSource } from './network/networkSource.ts'
import { eventsSource } from './observers/events.ts'
import { framesSource } from './observers/frames.ts'
import { layoutShiftsSource } from './observers/layoutShifts.ts'
import { longAnimationFramesSource } from './observers/longAnimationFrames.ts'
import { longTasksSource } from './observers/longTasks.ts'
import { memorySource } from './observers/memory.ts'
import { navigationSource } from './observers/navigation.ts'
import { paintSource } from './observers/paint.ts'
import { routesSource } from './observers/routes.ts'
import { webVitalsSource } from './vitals/webVitals.ts'

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
