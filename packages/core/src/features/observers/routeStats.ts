import { routeOfPath } from '../network/endpointKey.ts'
import { Histogram } from '../../stats/histogram.ts'
import type { Source } from '../../kernel/source.ts'
import type { RouteStats } from '../../types.ts'
import type { LateQueue } from '../../lib/lateQueue.ts'

/** One single-page route change: the new path, when it began, and how long until the next paint. */
export interface RouteChange {
  pathname: string
  t: number
  duration: number
}

/** Route patterns kept; a single-page app has far fewer, so more means ids the normaliser missed. */
export const MAX_ROUTES = 200

/**
 * The route statistics: each change the route watcher timed, grouped by route pattern (`/users/:id`), with a
 * sample per change. Starts with the changes timed before its code loaded.
 */
export function routeStatsSource(changes: LateQueue<RouteChange>): Source {
  return {
    name: 'routes',
    metric: 'routes',
    start(context) {
      const stats = new Map<string, { count: number; duration: Histogram; lastAt: number }>()

      const publish = () => {
        const routes: RouteStats[] = [...stats].map(([route, s]) => ({
          route,
          count: s.count,
          duration: s.duration.summary(),
          lastAt: s.lastAt,
        }))
        context.publish({ routes })
      }

      const add = (change: RouteChange): void => {
        const route = routeOfPath(change.pathname)
        let s = stats.get(route)
        if (!s) {
          if (stats.size >= MAX_ROUTES) return
          s = { count: 0, duration: new Histogram(), lastAt: 0 }
          stats.set(route, s)
        }
        s.count++
        s.duration.add(change.duration)
        s.lastAt = change.t
        context.emit({ key: `route.${route}`, t: change.t, v: change.duration })
        publish()
      }

      changes.attach(context.guard.wrap('routes', add))
      return () => changes.attach(null)
    },
  }
}
