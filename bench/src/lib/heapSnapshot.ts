/**
 * A reader of V8's `.heapsnapshot` JSON (what CDP `HeapProfiler.takeHeapSnapshot` streams): the flat `nodes` array
 * of `snapshot.meta.node_fields` per node, with `strings` for names. Only what a growth diff needs is read:
 * each node's class (grouped as DevTools groups its "Constructor" column), id and self size, and for V8's
 * compiled code, the function it belongs to (from the `edges`, when the snapshot has them).
 */

/** The parts of a heap snapshot this reader uses. */
export interface HeapSnapshotJson {
  snapshot: {
    meta: { node_fields: string[]; node_types: unknown[]; edge_fields?: string[] }
    node_count?: number
  }
  nodes: number[]
  /** `edge_fields` per edge, each node's `edge_count` edges in node order; `to_node` is an index into `nodes`. */
  edges?: number[]
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
  /**
   * Node id of a compiled-code object -> the name of the function that holds it: directly (a function's code,
   * feedback) or through up to three more code objects (that code's instructions, deoptimisation data and their
   * byte arrays); else the function whose shared info it is or holds (bytecode, baseline code). Empty without
   * edges.
   */
  functionOfCode: Map<number, string>
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
  const functionOfCode = codeOwners(json, types, at, width)
  return { totalBytes, nodeCount: nodes.length / width, byClass, classOfId, sizeOfId, functionOfCode }
}

/**
 * Code objects followed from a function beyond the first: its code's instructions, deoptimisation data and the
 * byte arrays those hold.
 */
const CODE_DEPTH = 3
/** How V8 names a function's shared info node: this, then ` / ` and the function's name when it has one. */
const SHARED_INFO = 'system / SharedFunctionInfo'

/** Names compiled-code nodes after the functions that hold them; see {@link HeapSummary.functionOfCode}. */
function codeOwners(
  json: HeapSnapshotJson,
  types: unknown[],
  at: Record<(typeof REQUIRED)[number], number>,
  width: number,
): Map<number, string> {
  const owners = new Map<number, string>()
  const edgeFields = json.snapshot.meta.edge_fields
  const countAt = json.snapshot.meta.node_fields.indexOf('edge_count')
  const { nodes, edges, strings } = json
  if (!edges || !edgeFields || countAt < 0) return owners
  const toAt = edgeFields.indexOf('to_node')
  if (toAt < 0) throw new Error('heap snapshot: edge_fields has no to_node')
  const isCode = (index: number) => types[nodes[index + at.type]!] === 'code'
  // Where each node's edges begin: a node's edges follow those of every node before it.
  const firstEdge = new Uint32Array(nodes.length / width + 1)
  for (let n = 0, e = 0; n * width < nodes.length; n++) {
    firstEdge[n] = e
    e += nodes[n * width + countAt]! * edgeFields.length
    firstEdge[n + 1] = e
  }
  const codeOf = (index: number, name: string, depth: number) => {
    const n = index / width
    for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += edgeFields.length) {
      const to = edges[e + toAt]!
      const id = nodes[to + at.id]!
      if (!isCode(to) || owners.has(id)) continue
      owners.set(id, name)
      if (depth > 0) codeOf(to, name, depth - 1)
    }
  }
  for (let i = 0; i < nodes.length; i += width) {
    if (types[nodes[i + at.type]!] === 'closure') codeOf(i, strings[nodes[i + at.name]!] || '(anonymous)', CODE_DEPTH)
  }
  // What no closure holds: a function's shared info (itself code) holds its bytecode and baseline code.
  for (let i = 0; i < nodes.length; i += width) {
    const name = strings[nodes[i + at.name]!] ?? ''
    if (!isCode(i) || !name.startsWith(SHARED_INFO)) continue
    const fn = name.slice(SHARED_INFO.length).replace(/^ \/ /, '') || '(anonymous)'
    const id = nodes[i + at.id]!
    if (!owners.has(id)) owners.set(id, fn)
    codeOf(i, fn, CODE_DEPTH)
  }
  return owners
}

/**
 * V8's compiled code that is new in the later snapshot, in bytes per function that holds it (see
 * {@link HeapSummary.functionOfCode}; `(no function)` for the rest), largest first; and the bytes of compiled code
 * the later snapshot no longer has. Code grows as functions get hot and V8 optimises them.
 */
export function newCodeByFunction(
  before: HeapSummary,
  after: HeapSummary,
): { added: { name: string; bytes: number }[]; freedBytes: number } {
  const byName = new Map<string, number>()
  for (const [id, className] of after.classOfId) {
    if (className !== '(compiled code)' || before.classOfId.has(id)) continue
    const name = after.functionOfCode.get(id) ?? '(no function)'
    byName.set(name, (byName.get(name) ?? 0) + after.sizeOfId.get(id)!)
  }
  let freedBytes = 0
  for (const [id, className] of before.classOfId) {
    if (className === '(compiled code)' && !after.classOfId.has(id)) freedBytes += before.sizeOfId.get(id)!
  }
  const added = [...byName].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes)
  return { added, freedBytes }
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
