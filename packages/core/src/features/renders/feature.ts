import type { Feature } from '../../kernel/feature.ts'
import type { RenderPhase } from '../../types.ts'
import { createRenderRecorder } from './renders.ts'

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
    const recorder = createRenderRecorder()
    return { sources: [recorder.source], api: { record: recorder.record } }
  },
}
