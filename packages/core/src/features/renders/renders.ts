import { Histogram } from '../../stats/histogram.ts'
import { now } from '../../lib/now.ts'
import type { MonitorContext, Source } from '../../kernel/source.ts'
import type { RenderPhase, RenderStats } from '../../types.ts'

/** How many distinct profiler ids are kept; beyond that new ids are dropped so memory stays bounded. */
export const MAX_RENDER_IDS = 200

interface RenderEntry {
  id: string
  mounts: number
  updates: number
  totalMs: number
  lastMs: number
  lastBaseMs: number
  lastAt: number
  mount: Histogram
  update: Histogram
}

/**
 * Render timings fed by a framework binding (`<PerfProfiler>` in `@perfscope/react` calls `record`).
 * The `source` switches recording with the `renders` filter: while it is stopped, `record` does nothing.
 */
export function createRenderRecorder(): {
  source: Source
  record(id: string, phase: RenderPhase, actualDuration: number, baseDuration: number): void
} {
  const entries = new Map<string, RenderEntry>()
  let context: MonitorContext | null = null
  let queued = false

  // A commit can report dozens of profilers at once: build the slice once per microtask, not once per render.
  function schedulePublish(): void {
    if (queued) return
    queued = true
    queueMicrotask(() => {
      queued = false
      if (context) context.guard.run('renders', () => publish(context!))
    })
  }

  function publish(ctx: MonitorContext): void {
    const renders: RenderStats[] = []
    for (const e of entries.values()) {
      renders.push({
        id: e.id,
        mounts: e.mounts,
        updates: e.updates,
        totalMs: e.totalMs,
        lastMs: e.lastMs,
        lastBaseMs: e.lastBaseMs,
        lastAt: e.lastAt,
        mount: e.mount.summary(),
        update: e.update.summary(),
      })
    }
    ctx.publish({ renders })
  }

  return {
    source: {
      name: 'renders',
      metric: 'renders',
      start(ctx) {
        context = ctx
        return () => {
          context = null
        }
      },
    },
    record(id, phase, actualDuration, baseDuration) {
      const ctx = context
      if (!ctx || typeof id !== 'string' || !Number.isFinite(actualDuration)) return
      ctx.guard.run('renders', () => {
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
        entry.lastAt = now()
        schedulePublish()
      })
    },
  }
}
