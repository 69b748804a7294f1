import { IdleTask } from '../../lib/idleTask.ts'
import { observe } from '../../lib/observe.ts'
import { selectorOf } from '../../lib/selector.ts'
import type { Source } from '../../kernel/source.ts'
import { markSupport } from '../../kernel/markSupport.ts'
import type { LayoutShiftStats } from '../../types.ts'

interface LayoutShiftEntry extends PerformanceEntry {
  value: number
  hadRecentInput: boolean
  sources?: ReadonlyArray<{ node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }>
}

/** The node that moved the most area in one shift: what a developer should look at first. */
function largestSource(entry: LayoutShiftEntry): string | null {
  let best: string | null = null
  let bestArea = -1
  for (const source of entry.sources ?? []) {
    const area =
      source.previousRect.width * source.previousRect.height + source.currentRect.width * source.currentRect.height
    if (area > bestArea) {
      bestArea = area
      best = selectorOf(source.node)
    }
  }
  return best
}

/** Every layout shift not caused by recent input, with the element that moved most in the largest one. */
export const layoutShiftsSource: Source = {
  name: 'layout-shift',
  metric: 'layoutShifts',
  start(context) {
    const stats: LayoutShiftStats = { count: 0, total: 0, largest: null }
    const publish = new IdleTask(
      context.guard.wrap('layout-shift', () => context.publish({ layoutShifts: { ...stats } })),
    )
    const observation = observe<LayoutShiftEntry>(
      'layout-shift',
      context.guard.wrap('layout-shift', (entries: LayoutShiftEntry[]) => {
        for (const entry of entries) {
          if (entry.hadRecentInput) continue
          stats.count++
          stats.total += entry.value
          if (!stats.largest || entry.value > stats.largest.value) {
            stats.largest = { value: entry.value, source: largestSource(entry) }
          }
          context.emit({ key: 'layout-shift', t: entry.startTime, v: entry.value })
        }
        publish.schedule()
      }),
    )
    markSupport(context, 'layout-shift', observation.supported)
    return () => {
      observation.disconnect()
      publish.flush()
      publish.dispose()
    }
  },
}
