import { lazySource } from '../../kernel/lazySource.ts'
import { LateQueue } from '../../lib/lateQueue.ts'
import { wrapProperty } from '../../lib/wrapGlobal.ts'
import { now } from '../../lib/now.ts'
import type { Source } from '../../kernel/source.ts'
import type { RouteChange } from './routeStats.ts'
import { loadIdleCode } from '../loadIdleCode.ts'

/**
 * Route changes kept for the route statistics until their code has loaded (the first idle moment); beyond it
 * the oldest are dropped. A page does not change route hundreds of times in its first second.
 */
export const MAX_PENDING_ROUTE_CHANGES = 200

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
 * `location.hash`, `navigation.navigate()`), else `popstate`. Each change is timed to the next paint; the
 * statistics that group them by route pattern load at the first idle moment and take the changes timed before.
 */
export const routesSource: Source = {
  name: 'routes',
  metric: 'routes',
  start(context) {
    const changes = new LateQueue<RouteChange>(MAX_PENDING_ROUTE_CHANGES)
    let currentPath = location.pathname
    let insideHistoryCall = false

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
      const t0 = now()
      afterNextPaint(
        context.guard.wrap('routes', () => {
          changes.push({ pathname, t: t0, duration: now() - t0 })
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
    const stopStats = lazySource('routes', 'routes', () =>
      loadIdleCode().then((m) => m.routeStatsSource(changes)),
    ).start(context)

    return () => {
      stopStats()
      pushState.restore()
      replaceState.restore()
      if (navigation) navigation.removeEventListener('navigate', onNavigate)
      else window.removeEventListener('popstate', onPopState)
    }
  },
}
