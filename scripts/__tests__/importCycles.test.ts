import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { importCycles, importGraph, type ImportGraph } from '../importCycles.ts'

const packageSource = (name: string) => fileURLToPath(new URL(`../../packages/${name}/src`, import.meta.url))

describe('import cycles', () => {
  for (const name of ['core', 'react', 'server']) {
    it(`finds none in packages/${name}/src, type-only and dynamic imports included`, () => {
      const graph = importGraph(packageSource(name))
      expect(graph.size).toBeGreaterThan(10)
      expect(importCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([])
    })
  }

  it('keeps types.ts free of imports, so every module can use the snapshot types without a cycle', () => {
    expect(importGraph(packageSource('core')).get('types.ts')).toEqual([])
  })

  it('reports a two-module cycle, a longer one and a self-import, and nothing for a chain', () => {
    const graph: ImportGraph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['a.ts', 'c.ts']],
      ['c.ts', ['d.ts']],
      ['d.ts', ['e.ts']],
      ['e.ts', ['c.ts']],
      ['self.ts', ['self.ts']],
      ['chain.ts', ['a.ts', 'external.ts']],
    ])
    expect(
      importCycles(graph)
        .map((cycle) => cycle.join(' → '))
        .sort(),
    ).toEqual(['a.ts → b.ts → a.ts', 'c.ts → d.ts → e.ts → c.ts', 'self.ts → self.ts'])
  })

  it('reads static, type-only, re-exported and dynamic imports from source text', () => {
    const graph = importGraph(fileURLToPath(new URL('./importCyclesFixture', import.meta.url)))
    expect(graph.get('entry.ts')).toEqual(['dynamic.ts', 'reexported.ts', 'static.ts', 'typeOnly.ts'])
  })
})
