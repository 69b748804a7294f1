import type { CDPSession } from 'playwright-core'
import { summarizeHeapSnapshot, type HeapSnapshotJson, type HeapSummary } from './heapSnapshot.ts'

/** Main-thread time so far, from CDP `Performance.getMetrics` (cumulative since the page's renderer started). */
export interface MainThreadTime {
  /** JavaScript execution, ms. */
  scriptMs: number
  /** Every task on the main thread (script, style, layout, GC…), ms. */
  taskMs: number
}

/** Switches CDP performance metrics on for the page; call once before {@link mainThreadTime}. */
export async function enableMetrics(cdp: CDPSession): Promise<void> {
  await cdp.send('Performance.enable')
}

/** Reads the page's cumulative script and task durations. */
export async function mainThreadTime(cdp: CDPSession): Promise<MainThreadTime> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  const seconds = (name: string) => {
    const metric = metrics.find((m) => m.name === name)
    if (!metric) throw new Error(`CDP Performance.getMetrics has no ${name}`)
    return metric.value
  }
  return { scriptMs: seconds('ScriptDuration') * 1000, taskMs: seconds('TaskDuration') * 1000 }
}

/** Forces a full garbage collection, then returns the bytes the JS heap still holds. */
export async function retainedHeap(cdp: CDPSession): Promise<number> {
  // Two collections: the first can leave objects that finalizers or weak callbacks release only on the next.
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  return usedSize
}

/**
 * Forces a full garbage collection, then takes a heap snapshot and reads it into per-class totals (the JSON is
 * parsed and dropped here: a snapshot of a busy page is tens of megabytes).
 */
export async function heapSnapshotSummary(cdp: CDPSession): Promise<HeapSummary> {
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const chunks: string[] = []
  const onChunk = ({ chunk }: { chunk: string }) => chunks.push(chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
  }
  return summarizeHeapSnapshot(JSON.parse(chunks.join('')) as HeapSnapshotJson)
}
