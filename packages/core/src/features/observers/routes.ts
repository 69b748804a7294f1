import { routeOfPath } from '../network/endpointKey.ts'
import { wrapProperty } from '../../lib/wrapGlobal.ts'
import type { Source } from '../../kernel/source.ts'
import { Histogram } from '../../stats/histogram.ts'
import type { RouteStats } from '../../types.ts'

/** Route patterns kept; a single-page app has far fewer, so more means ids the normaliser missed. */
export const MAX_ROUTES = 200

interface NavigateEventLike extends Event {
  navigationType: string
  destination: { url: string; sameDocument: boolean }
}

/** Calls `fn` after the next frame is painted: a rAF, then a message so it runs after the frame (one-shot). */
function afterNextPaint(fn: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => fn()
    channel.port2.postMessage(null)
  })
}

/**
 * Single-page route changes: `history.pushState` / `replaceState` (patched through `wrapProperty`), and the
 * Navigation API's `navigate` event where present for the changes the history calls do not see (traversals,
 * `location.hash`, `navigation.navigate()`), else `popstate`. Each change is timed to the next paint and
 * grouped by route pattern.
 */
export const routesSource: Source = {
  name: 'routes',
  metric: 'routes',
  start(context) {
    const stats = new Map<string, { count: number; duration: Histogram; lastAt: number }>()
    let currentPath = location.pathname
    let insideHistoryCall = false

    const publish = () => {
      const routes: RouteStats[] = [...stats].map(([route, s]) => ({
        route,
        count: s.count,
        duration: s.duration.summary(),
        lastAt: s.lastAt,
      }))
      context.publish({ routes })
    }

    const changed = context.guard.wrap('routes', (url: string) => {
      let pathname: string
      try {
        pathname = new URL(url, location.href).pathname
      } catch {
        return
      }
      // Query-only updates (filters, tabs kept in the URL) are not route changes.
      if (pathname === currentPath) return
      currentPath = pathname
      const route = routeOfPath(pathname)
      const t0 = performance.now()
      afterNextPaint(
        context.guard.wrap('routes', () => {
          const duration = performance.now() - t0
          let s = stats.get(route)
          if (!s) {
            if (stats.size >= MAX_ROUTES) return
            s = { count: 0, duration: new Histogram(), lastAt: 0 }
            stats.set(route, s)
          }
          s.count++
          s.duration.add(duration)
          s.lastAt = t0
          context.emit({ key: `route.${route}`, t: t0, v: duration })
          publish()
        }),
      )
    })

    const patch = (method: 'pushState' | 'replaceState') =>
      wrapProperty(
        history,
        method,
        (original, active) =>
          function (this: History, data: unknown, unused: string, url?: string | URL | null) {
            if (!active()) return original.call(this, data, unused, url)
            insideHistoryCall = true
            try {
              return original.call(this, data, unused, url)
            } finally {
              insideHistoryCall = false
              if (url !== undefined && url !== null) changed(String(url))
            }
          } as History[typeof method],
      )
    const pushState = patch('pushState')
    const replaceState = patch('replaceState')

    const navigation = (window as unknown as { navigation?: EventTarget }).navigation
    const onNavigate = (event: Event) => {
      const { destination } = event as NavigateEventLike
      if (insideHistoryCall || !destination.sameDocument) return
      changed(destination.url)
    }
    const onPopState = () => changed(location.href)
    if (navigation) navigation.addEventListener('navigate', onNavigate)
    else window.addEventListener('popstate', onPopState)

    return () => {
      pushState.restore()
      replaceState.restore()
      if (navigation) navigation.removeEventListener('navigate', onNavigate)
      else window.removeEventListener('popstate', onPopState)
    }
  },
}
