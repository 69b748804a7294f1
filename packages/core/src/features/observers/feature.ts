import type { Feature } from '../../kernel/feature.ts'
import { lazySource } from '../../kernel/lazySource.ts'
import type { MetricName, TaskStats } from '../../types.ts'
import { emptySummary } from '../../stats/emptySummary.ts'
import { routesSource } from './routes.ts'

type ObserverSources = typeof import('./observerSources.ts')

const loadObservers = () => import('./observerSources.ts')

const emptyTasks = (): TaskStats => ({ count: 0, totalMs: 0, duration: emptySummary() })

/** Which lazily loaded observer serves which metric, in start order. */
const OBSERVERS: ReadonlyArray<[string, MetricName, Exclude<keyof ObserverSources, 'routeStatsSource'>]> = [
  ['navigation', 'navigation', 'navigationSource'],
  ['paint', 'paint', 'paintSource'],
  ['longTasks', 'longTasks', 'longTasksSource'],
  ['longAnimationFrames', 'longAnimationFrames', 'longAnimationFramesSource'],
  ['layoutShifts', 'layoutShifts', 'layoutShiftsSource'],
  ['events', 'events', 'eventsSource'],
  ['memory', 'memory', 'memorySource'],
  ['frames', 'frames', 'framesSource'],
]

/**
 * Page observers: navigation and paint timing, long tasks and animation frames, layout shifts, interactions,
 * single-page route changes, memory and (while watched) the frame rate. The route watcher patches the History
 * API at `start()`, like the network interceptors, since nothing buffers a route change; the observers' code
 * loads at the first idle moment, and the browser buffers the entries that arrived before it.
 */
export const observersFeature: Feature<void, void> = {
  name: 'observers',
  collects: true,
  resolveOptions: () => undefined,
  slice: {
    navigation: null,
    paint: null,
    routes: [],
    longTasks: emptyTasks(),
    longAnimationFrames: emptyTasks(),
    layoutShifts: { count: 0, total: 0, largest: null },
    events: emptyTasks(),
    frames: null,
    memory: null,
  },
  create: () => ({
    sources: [
      ...OBSERVERS.map(([name, metric, key]) => lazySource(name, metric, () => loadObservers().then((m) => m[key]))),
      routesSource,
    ],
    api: undefined,
  }),
}
