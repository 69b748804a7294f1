import { describe, expect, it } from 'vitest'
import {
  diffHeapSummaries,
  newCodeByFunction,
  summarizeHeapSnapshot,
  type HeapSnapshotJson,
} from '../lib/heapSnapshot.ts'

/** V8's node layout as Chromium writes it. */
const FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness']
const TYPES = [
  'hidden',
  'array',
  'string',
  'object',
  'code',
  'closure',
  'regexp',
  'number',
  'native',
  'synthetic',
  'concatenated string',
  'sliced string',
  'symbol',
  'bigint',
  'object shape',
]
const EDGE_FIELDS = ['type', 'name_or_index', 'to_node']
const STRINGS = [
  '',
  '(GC roots)',
  'RequestRecord',
  'hello',
  'onSample',
  'Map',
  'HTMLDivElement',
  'poll',
  'system / Code',
  'system / InstructionStream',
  'system / SharedFunctionInfo / render',
  'system / BytecodeArray',
]

type Node = [type: string, name: string, id: number, selfSize: number]
/** An edge from the node with the first id to the node with the second. */
type Edge = [from: number, to: number]

function snapshot(nodes: Node[], fields = FIELDS, edges: Edge[] = []): HeapSnapshotJson {
  const indexOfId = new Map(nodes.map(([, , id], i) => [id, i * fields.length]))
  return {
    // node_types runs parallel to node_fields: the type field's entry is the list of type names.
    snapshot: {
      meta: {
        node_fields: fields,
        node_types: fields.map((f) => (f === 'type' ? TYPES : f === 'name' ? 'string' : 'number')),
        edge_fields: EDGE_FIELDS,
      },
    },
    nodes: nodes.flatMap(([type, name, id, size]) => {
      const row: Record<string, number> = {
        type: TYPES.indexOf(type),
        name: STRINGS.indexOf(name),
        id,
        self_size: size,
        edge_count: edges.filter(([from]) => from === id).length,
      }
      return fields.map((f) => row[f] ?? 0)
    }),
    // Each node's edges in node order, as V8 writes them.
    edges: nodes.flatMap(([, , id]) =>
      edges.filter(([from]) => from === id).flatMap(([, to]) => [2, 0, indexOfId.get(to)!]),
    ),
    strings: STRINGS,
  }
}

const EARLY: Node[] = [
  ['synthetic', '(GC roots)', 1, 0],
  ['object', 'RequestRecord', 3, 40],
  ['string', 'hello', 5, 24],
  ['closure', 'onSample', 7, 32],
  ['object', 'Map', 9, 100],
]
const LATE: Node[] = [
  ['synthetic', '(GC roots)', 1, 0],
  ['object', 'RequestRecord', 3, 40],
  ['object', 'RequestRecord', 11, 40],
  ['object', 'RequestRecord', 13, 40],
  ['concatenated string', 'hello', 15, 32],
  ['closure', 'onSample', 7, 32],
  ['native', 'HTMLDivElement', 17, 8],
]

describe('summarizeHeapSnapshot()', () => {
  it('adds self sizes per class, grouping as DevTools does', () => {
    const summary = summarizeHeapSnapshot(snapshot(LATE))
    expect(summary.totalBytes).toBe(192)
    expect(summary.nodeCount).toBe(7)
    expect(Object.fromEntries(summary.byClass)).toEqual({
      '(system)': { count: 1, bytes: 0 },
      RequestRecord: { count: 3, bytes: 120 },
      '(string)': { count: 1, bytes: 32 },
      '(closure)': { count: 1, bytes: 32 },
      HTMLDivElement: { count: 1, bytes: 8 },
    })
  })

  it('finds the fields by name, whatever their order', () => {
    const reordered = ['id', 'self_size', 'name', 'type', 'edge_count']
    expect(summarizeHeapSnapshot(snapshot(LATE, reordered)).byClass.get('RequestRecord')).toEqual({
      count: 3,
      bytes: 120,
    })
  })

  it('refuses a layout without self sizes, or a node array cut in the middle of a node', () => {
    expect(() => summarizeHeapSnapshot(snapshot(LATE, ['type', 'name', 'id']))).toThrow(/no self_size/)
    const cut = snapshot(LATE)
    cut.nodes.pop()
    expect(() => summarizeHeapSnapshot(cut)).toThrow(/whole number of nodes/)
  })
})

describe('diffHeapSummaries()', () => {
  const diff = diffHeapSummaries(summarizeHeapSnapshot(snapshot(EARLY)), summarizeHeapSnapshot(snapshot(LATE)))

  it('gives the growth of the whole heap', () => {
    expect(diff.bytesDelta).toBe(192 - 196)
    expect(diff.countDelta).toBe(2)
  })

  it('lists the classes that grew most first, with the objects that are new since the earlier snapshot', () => {
    expect(diff.classes[0]).toEqual({
      className: 'RequestRecord',
      countDelta: 2,
      bytesDelta: 80,
      newCount: 2,
      newBytes: 80,
    })
    expect(diff.classes.find((g) => g.className === '(string)')).toEqual({
      className: '(string)',
      countDelta: 0,
      bytesDelta: 8,
      newCount: 1,
      newBytes: 32,
    })
  })

  it('counts a class that is gone as shrinking and leaves unchanged classes out', () => {
    expect(diff.classes.at(-1)).toEqual({
      className: 'Map',
      countDelta: -1,
      bytesDelta: -100,
      newCount: 0,
      newBytes: 0,
    })
    expect(diff.classes.some((g) => g.className === '(closure)' || g.className === '(system)')).toBe(false)
  })
})

describe('newCodeByFunction()', () => {
  const before = summarizeHeapSnapshot(
    snapshot(
      [
        ['closure', 'poll', 21, 32],
        ['code', 'system / Code', 23, 100],
      ],
      FIELDS,
      [[21, 23]],
    ),
  )
  const after = summarizeHeapSnapshot(
    snapshot(
      [
        ['closure', 'poll', 21, 32],
        ['code', 'system / Code', 25, 200],
        ['code', 'system / InstructionStream', 27, 300],
        ['code', 'system / Code', 29, 50],
        ['code', 'system / SharedFunctionInfo / render', 31, 40],
        ['code', 'system / BytecodeArray', 33, 60],
      ],
      FIELDS,
      [
        [21, 25],
        [25, 27],
        [31, 33],
      ],
    ),
  )

  it('names new compiled code after the function holding it: its closure, directly or through a code object, else its shared info', () => {
    expect(after.functionOfCode.get(27)).toBe('poll')
    expect(newCodeByFunction(before, after)).toEqual({
      added: [
        { name: 'poll', bytes: 500 },
        { name: 'render', bytes: 100 },
        { name: '(no function)', bytes: 50 },
      ],
      freedBytes: 100,
    })
  })

  it('names nothing in a snapshot without edges', () => {
    const bare = summarizeHeapSnapshot({ ...snapshot([['code', 'system / Code', 25, 200]]), edges: undefined })
    expect(bare.functionOfCode.size).toBe(0)
  })
})
