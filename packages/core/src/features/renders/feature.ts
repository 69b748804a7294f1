import type { Feature } from '../../kernel/feature.ts'
import { lazySource } from '../../kernel/lazySource.ts'
import { LateQueue } from '../../lib/lateQueue.ts'
import { now } from '../../lib/now.ts'
import type { Source } from '../../kernel/source.ts'
import type { RenderPhase } from '../../types.ts'
import type { RenderRecord } from './renders.ts'
import { loadIdleCode } from '../loadIdleCode.ts'

/** Renders kept until the statistics' code has loaded (the first idle moment); beyond it the oldest are dropped. */
export const MAX_PENDING_RENDERS = 1000

/** `monitor.renders`: render timings a framework binding reports (`<PerfProfiler>` in `@perfscope/react`). */
export interface RendersApi {
  /**
   * Records one render of a profiled tree (what React's `Profiler` `onRender` reports; durations in ms).
   * Ignored unless the monitor is running with the `renders` metric on.
   */
  record(id: string, phase: RenderPhase, actualDuration: number, baseDuration: number): void
}

export const rendersFeature: Feature<void, RendersApi> = {
  name: 'renders',
  collects: false,
  resolveOptions: () => undefined,
  slice: { renders: [] },
  create() {
    let records: LateQueue<RenderRecord> | null = null
    const source: Source = {
      name: 'renders',
      metric: 'renders',
      start(context) {
        const queue = new LateQueue<RenderRecord>(MAX_PENDING_RENDERS)
        records = queue
        const stop = lazySource('renders', 'renders', () =>
          loadIdleCode().then((m) => m.renderStatsSource(queue)),
        ).start(context)
        return () => {
          records = null
          stop()
        }
      },
    }
    return {
      sources: [source],
      api: {
        record(id, phase, actualDuration, baseDuration) {
          if (records === null || typeof id !== 'string' || !Number.isFinite(actualDuration)) return
          records.push({ id, phase, actualDuration, baseDuration, t: now() })
        },
      },
    }
  },
}
