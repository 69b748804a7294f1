import { observe } from '../../lib/observe.ts'
import type { Source } from '../../kernel/source.ts'
import { markSupport } from '../../kernel/markSupport.ts'

/** First paint and first contentful paint of the page (reported once each). */
export const paintSource: Source = {
  name: 'paint',
  metric: 'paint',
  start(context) {
    const observation = observe(
      'paint',
      context.guard.wrap('paint', (entries: PerformanceEntry[]) => {
        const paint = { ...(context.read().paint ?? { firstPaint: null, firstContentfulPaint: null }) }
        for (const entry of entries) {
          if (entry.name === 'first-paint') paint.firstPaint = entry.startTime
          if (entry.name === 'first-contentful-paint') paint.firstContentfulPaint = entry.startTime
          context.emit({ key: `paint.${entry.name}`, t: entry.startTime, v: entry.startTime })
        }
        context.publish({ paint })
      }),
    )
    markSupport(context, 'paint', observation.supported)
    return () => observation.disconnect()
  },
}
