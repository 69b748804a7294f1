/** The parts of a CDP `Profiler.Profile` that self time needs. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[]
  samples?: number[]
  timeDeltas?: number[]
}

/** Self time of one function (or of a pseudo-node such as `(garbage collector)`), summed over a profile. */
export interface SelfTime {
  functionName: string
  /** Its source file (from `locate`), or the script URL when `locate` knows none, or '' for the engine's nodes. */
  file: string
  /** 1-based line where the function starts, in `file`; 0 for the engine's nodes. */
  line: number
  selfMs: number
}

/** Where a script position comes from: a source file and 1-based line, or null when unknown. */
export type Locate = (url: string, line: number, column: number) => { source: string; line: number } | null

/**
 * Sums a sampled CPU profile into self time per function: each sample's time (the delta to the next sample, as
 * DevTools counts it) goes to the node the sample hit. `locate` maps a function's start in a bundled script
 * (0-based line and column, as CDP gives them) to its source.
 */
export function selfTimes(profile: CpuProfile, locate: Locate): SelfTime[] {
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  const byNode = new Map<number, number>()
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the gap before sample i; the time a sample stands for is the gap after it.
    const us = deltas[i + 1] ?? 0
    byNode.set(samples[i]!, (byNode.get(samples[i]!) ?? 0) + us)
  }
  const rows = new Map<string, SelfTime>()
  for (const node of profile.nodes) {
    const us = byNode.get(node.id)
    if (!us) continue
    const { functionName, url, lineNumber, columnNumber } = node.callFrame
    // A script's own top level (a bundle runs every module's top-level code there) has no name and starts at 0:0;
    // it belongs to the script, not to the first module the bundle happens to start with.
    const topLevel = url !== '' && functionName === '' && lineNumber === 0 && columnNumber === 0
    const at = url && !topLevel ? locate(url, lineNumber, columnNumber) : null
    const file = at?.source ?? url
    const line = at?.line ?? (url ? lineNumber + 1 : 0)
    const name = functionName || (topLevel ? '(script top level)' : '(anonymous)')
    const key = `${name}\u0000${file}\u0000${line}`
    const row = rows.get(key) ?? { functionName: name, file, line, selfMs: 0 }
    row.selfMs += us / 1000
    rows.set(key, row)
  }
  return [...rows.values()].sort((a, b) => b.selfMs - a.selfMs)
}
