import { describe, expect, it } from 'vitest'
import { diffHeapSummaries, summarizeHeapSnapshot, type HeapSnapshotJson } from '../lib/heapSnapshot.ts'

/** V8's node layout as Chromium writes it; the edges are left out, the reader does not need them. */
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
const STRINGS = ['', '(GC roots)', 'RequestRecord', 'hello', 'onSample', 'Map', 'HTMLDivElement']

type Node = [type: string, name: string, id: number, selfSize: number]

function snapshot(nodes: Node[], fields = FIELDS): HeapSnapshotJson {
  return {
    // node_types runs parallel to node_fields: the type field's entry is the list of type names.
    snapshot: {
      meta: {
        node_fields: fields,
        node_types: fields.map((f) => (f === 'type' ? TYPES : f === 'name' ? 'string' : 'number')),
      },
    },
    nodes: nodes.flatMap(([type, name, id, size]) => {
      const row: Record<string, number> = {
        type: TYPES.indexOf(type),
        name: STRINGS.indexOf(name),
        id,
        self_size: size,
      }
      return fields.map((f) => row[f] ?? 0)
    }),
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
