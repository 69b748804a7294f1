import { observe } from '../../lib/observe.ts'
import type { Source } from '../../kernel/source.ts'
import { markSupport } from '../../kernel/markSupport.ts'

/** The page load's own timing, from its `navigation` entry (ms from navigation start). */
export const navigationSource: Source = {
  name: 'navigation',
  metric: 'navigation',
  start(context) {
    const report = context.guard.wrap('navigation', (entries: PerformanceNavigationTiming[]) => {
      const entry = entries[entries.length - 1]
      if (!entry) return
      // The entry is reported once the response starts; load times are 0 until the events fire.
      context.publish({
        navigation: {
          type: entry.type,
          ttfb: entry.responseStart,
          domContentLoaded: entry.domContentLoadedEventEnd,
          load: entry.loadEventEnd,
          transferSize: entry.transferSize,
        },
      })
      if (entry.loadEventEnd > 0) context.emit({ key: 'navigation.load', t: entry.loadEventEnd, v: entry.loadEventEnd })
    })
    const observation = observe<PerformanceNavigationTiming>('navigation', report)
    // The entry can arrive before the load event; read it once more when load has ended (a one-shot, not a loop).
    let afterLoad: ReturnType<typeof setTimeout> | undefined
    const onLoad = () => {
      afterLoad = setTimeout(
        () => report(performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]),
        0,
      )
    }
    if (document.readyState !== 'complete') window.addEventListener('load', onLoad, { once: true })
    markSupport(context, 'navigation', observation.supported)
    return () => {
      observation.disconnect()
      window.removeEventListener('load', onLoad)
      clearTimeout(afterLoad)
    }
  },
}
