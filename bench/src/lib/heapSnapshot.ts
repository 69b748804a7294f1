/**
 * A reader of V8's `.heapsnapshot` JSON (what CDP `HeapProfiler.takeHeapSnapshot` streams): the flat `nodes` array
 * of `snapshot.meta.node_fields` per node, with `strings` for names. Only what a growth diff needs is read:
 * each node's class (grouped as DevTools groups its "Constructor" column), id and self size.
 */

/** The parts of a heap snapshot this reader uses. */
export interface HeapSnapshotJson {
  snapshot: {
    meta: { node_fields: string[]; node_types: unknown[] }
    node_count?: number
  }
  nodes: number[]
  strings: string[]
}

/** Self sizes and counts per class, plus every node's id (ids are stable across snapshots of one page). */
export interface HeapSummary {
  /** Sum of all nodes' self sizes, in bytes: the heap the snapshot holds. */
  totalBytes: number
  nodeCount: number
  byClass: Map<string, { count: number; bytes: number }>
  /** Node id -> class, to tell which objects are new in a later snapshot. */
  classOfId: Map<number, string>
  /** Node id -> self size. */
  sizeOfId: Map<number, number>
}

/** One class's change between two snapshots. */
export interface ClassGrowth {
  className: string
  countDelta: number
  bytesDelta: number
  /** Objects of this class in the later snapshot that the earlier one did not have (allocated since, still alive). */
  newCount: number
  newBytes: number
}

/** What changed from one snapshot to a later one of the same page. */
export interface HeapDiff {
  bytesDelta: number
  countDelta: number
  /** Classes sorted by bytes grown, largest first; classes that did not change are left out. */
  classes: ClassGrowth[]
}

const REQUIRED = ['type', 'name', 'id', 'self_size'] as const

/** DevTools' grouping: objects and native objects by their constructor's name, everything else by its kind. */
function classOf(type: string, name: string): string {
  switch (type) {
    case 'object':
    case 'native':
      return name
    case 'closure':
      return '(closure)'
    case 'string':
    case 'concatenated string':
    case 'sliced string':
      return '(string)'
    case 'code':
      return '(compiled code)'
    case 'array':
      return '(array)'
    case 'hidden':
    case 'synthetic':
    case 'object shape':
      return '(system)'
    default:
      return `(${type})`
  }
}

/** Reads a snapshot into per-class totals; throws when its layout lacks a field this reader needs. */
export function summarizeHeapSnapshot(json: HeapSnapshotJson): HeapSummary {
  const fields = json.snapshot.meta.node_fields
  const at = Object.fromEntries(REQUIRED.map((f) => [f, fields.indexOf(f)])) as Record<
    (typeof REQUIRED)[number],
    number
  >
  for (const f of REQUIRED) if (at[f] < 0) throw new Error(`heap snapshot: node_fields has no ${f}`)
  const types = json.snapshot.meta.node_types[at.type]
  if (!Array.isArray(types)) throw new Error('heap snapshot: node_types has no list of node types')
  const width = fields.length
  const { nodes, strings } = json
  if (nodes.length % width !== 0) throw new Error('heap snapshot: nodes is not a whole number of nodes')
  const byClass = new Map<string, { count: number; bytes: number }>()
  const classOfId = new Map<number, string>()
  const sizeOfId = new Map<number, number>()
  let totalBytes = 0
  for (let i = 0; i < nodes.length; i += width) {
    const type = String(types[nodes[i + at.type]!] ?? 'unknown')
    const name = strings[nodes[i + at.name]!] ?? ''
    const size = nodes[i + at.self_size]!
    const id = nodes[i + at.id]!
    const className = classOf(type, name)
    const sum = byClass.get(className) ?? { count: 0, bytes: 0 }
    sum.count++
    sum.bytes += size
    byClass.set(className, sum)
    classOfId.set(id, className)
    sizeOfId.set(id, size)
    totalBytes += size
  }
  return { totalBytes, nodeCount: nodes.length / width, byClass, classOfId, sizeOfId }
}

/** Compares a later snapshot of a page with an earlier one, per class, as DevTools' Comparison view does. */
export function diffHeapSummaries(before: HeapSummary, after: HeapSummary): HeapDiff {
  const growth = new Map<string, ClassGrowth>()
  const entry = (className: string) => {
    let g = growth.get(className)
    if (!g) growth.set(className, (g = { className, countDelta: 0, bytesDelta: 0, newCount: 0, newBytes: 0 }))
    return g
  }
  for (const [className, sum] of after.byClass) {
    const was = before.byClass.get(className)
    const g = entry(className)
    g.countDelta = sum.count - (was?.count ?? 0)
    g.bytesDelta = sum.bytes - (was?.bytes ?? 0)
  }
  for (const [className, was] of before.byClass) {
    if (after.byClass.has(className)) continue
    const g = entry(className)
    g.countDelta = -was.count
    g.bytesDelta = -was.bytes
  }
  for (const [id, className] of after.classOfId) {
    if (before.classOfId.has(id)) continue
    const g = entry(className)
    g.newCount++
    g.newBytes += after.sizeOfId.get(id)!
  }
  const classes = [...growth.values()]
    .filter((g) => g.countDelta !== 0 || g.bytesDelta !== 0 || g.newCount !== 0)
    .sort((a, b) => b.bytesDelta - a.bytesDelta || b.newBytes - a.newBytes)
  return {
    bytesDelta: after.totalBytes - before.totalBytes,
    countDelta: after.nodeCount - before.nodeCount,
    classes,
  }
}
