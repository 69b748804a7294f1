import { Histogram } from '../../stats/histogram.ts'
import type { LateQueue } from '../../lib/lateQueue.ts'
import type { Source } from '../../kernel/source.ts'
import type { RenderPhase, RenderStats } from '../../types.ts'

/** How many distinct profiler ids are kept; beyond that new ids are dropped so memory stays bounded. */
export const MAX_RENDER_IDS = 200

/** A profiler id's {@link RenderStats} as they are kept: the durations in histograms, summarised when published. */
interface RenderEntry extends Omit<RenderStats, 'mount' | 'update'> {
  mount: Histogram
  update: Histogram
}

/** One render a framework binding reported, as `monitor.renders.record` took it. */
export interface RenderRecord {
  id: string
  phase: RenderPhase
  actualDuration: number
  baseDuration: number
  t: number
}

/**
 * The render statistics: per profiler id, mounts and updates with their durations. Starts with the renders
 * recorded before its code loaded, and publishes once per microtask (a commit can report dozens of profilers).
 */
export function renderStatsSource(records: LateQueue<RenderRecord>): Source {
  return {
    name: 'renders',
    metric: 'renders',
    start(context) {
      const entries = new Map<string, RenderEntry>()
      let queued = false

      const publish = () => {
        queued = false
        const renders: RenderStats[] = []
        for (const e of entries.values()) {
          renders.push({ ...e, mount: e.mount.summary(), update: e.update.summary() })
        }
        context.publish({ renders })
      }

      const add = ({ id, phase, actualDuration, baseDuration, t }: RenderRecord) => {
        let entry = entries.get(id)
        if (!entry) {
          if (entries.size >= MAX_RENDER_IDS) return
          entry = {
            id,
            mounts: 0,
            updates: 0,
            totalMs: 0,
            lastMs: 0,
            lastBaseMs: 0,
            lastAt: 0,
            mount: new Histogram(),
            update: new Histogram(),
          }
          entries.set(id, entry)
        }
        // React reports 'nested-update' for updates scheduled in layout effects; they are updates all the same.
        if (phase === 'mount') {
          entry.mounts++
          entry.mount.add(actualDuration)
        } else {
          entry.updates++
          entry.update.add(actualDuration)
        }
        entry.totalMs += actualDuration
        entry.lastMs = actualDuration
        entry.lastBaseMs = Number.isFinite(baseDuration) ? baseDuration : 0
        entry.lastAt = t
        if (!queued) {
          queued = true
          queueMicrotask(context.guard.wrap('renders', publish))
        }
      }

      records.attach(context.guard.wrap('renders', add))
      return () => records.attach(null)
    },
  }
}
