import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

/** One module's relative imports: static, type-only, re-exports and dynamic `import()` alike. */
export type ImportGraph = Map<string, string[]>

const SOURCE = /\.(ts|tsx)$/

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === '__tests__' || entry.name === 'node_modules') return []
    const path = join(dir, entry.name)
    return entry.isDirectory() ? sourceFiles(path) : SOURCE.test(entry.name) ? [path] : []
  })
}

/** Reads every module under `dir` (tests left out) and the relative modules each one imports. */
export function importGraph(dir: string): ImportGraph {
  const root = resolve(dir)
  const graph: ImportGraph = new Map()
  for (const file of sourceFiles(root)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    const targets = info.importedFiles
      .map((imported) => imported.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => relative(root, resolve(dirname(file), name)))
    graph.set(relative(root, file), [...new Set(targets)].sort())
  }
  return graph
}

/**
 * The import cycles of a graph, one per strongly connected component of more than one module (or a module that
 * imports itself), each given as a closed path `a → b → … → a` found inside the component.
 */
export function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const components: string[][] = []
  let next = 0
  // Iterative Tarjan: a recursive walk would overflow on a long import chain.
  for (const start of graph.keys()) {
    if (index.has(start)) continue
    const work: Array<{ node: string; edge: number }> = [{ node: start, edge: 0 }]
    index.set(start, next)
    low.set(start, next++)
    stack.push(start)
    onStack.add(start)
    while (work.length > 0) {
      const frame = work.at(-1)!
      const edges = graph.get(frame.node) ?? []
      if (frame.edge < edges.length) {
        const target = edges[frame.edge++]!
        if (!graph.has(target)) continue
        if (!index.has(target)) {
          index.set(target, next)
          low.set(target, next++)
          stack.push(target)
          onStack.add(target)
          work.push({ node: target, edge: 0 })
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!))
        }
        continue
      }
      work.pop()
      const parent = work.at(-1)
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!))
      if (low.get(frame.node) !== index.get(frame.node)) continue
      const component: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.push(member)
      } while (member !== frame.node)
      const selfImport = (graph.get(frame.node) ?? []).includes(frame.node)
      if (component.length > 1 || selfImport) components.push(component.sort())
    }
  }
  return components.map((component) => cycleWithin(graph, new Set(component)))
}

/** A shortest closed path through the first module of a component, staying inside the component. */
function cycleWithin(graph: ImportGraph, component: Set<string>): string[] {
  const [first] = component
  const previous = new Map<string, string>()
  const queue = [first!]
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!
    for (const target of graph.get(node) ?? []) {
      if (!component.has(target)) continue
      if (target === first) {
        const path = [node]
        while (path[0] !== first) path.unshift(previous.get(path[0]!)!)
        return [...path, first]
      }
      if (!previous.has(target)) {
        previous.set(target, node)
        queue.push(target)
      }
    }
  }
  return [first!, first!]
}
