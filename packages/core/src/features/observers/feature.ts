import type { Feature } from '../../kernel/feature.ts'
import { lazySource } from '../../kernel/lazySource.ts'
import type { MetricName, TaskStats } from '../../types.ts'
import { emptySummary } from '../../stats/emptySummary.ts'
import { routesSource } from './routes.ts'
import { loadIdleCode } from '../loadIdleCode.ts'

const emptyTasks = (): TaskStats => ({ count: 0, totalMs: 0, duration: emptySummary() })

/** The metrics served by lazily loaded observers, in start order; each one's source is `<metric>Source`. */
const OBSERVED = [
  'navigation',
  'paint',
  'longTasks',
  'longAnimationFrames',
  'layoutShifts',
  'events',
  'memory',
  'frames',
] as const satisfies readonly MetricName[]

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
      ...OBSERVED.map((metric) => lazySource(metric, metric, () => loadIdleCode().then((m) => m[`${metric}Source`]))),
      routesSource,
    ],
    api: undefined,
  }),
}
