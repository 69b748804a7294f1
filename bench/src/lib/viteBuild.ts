import { build, type PluginOption, type Rolldown } from 'vite'
import { sourceConditions } from '../../../test-support/sourceConditions.ts'

/** One JavaScript or CSS file a build produced. */
export interface BuiltFile {
  fileName: string
  /** The file's bytes as a browser downloads them (minified). */
  source: Uint8Array
  /** Whether the page loads it eagerly (the entry and its static imports) or only on a dynamic `import()`. */
  eager: boolean
  /** The modules bundled into a JavaScript chunk, each with its code after tree-shaking, before minification. */
  modules: BundledModule[]
}

/** One source module's share of a chunk. */
export interface BundledModule {
  /** The module's absolute path (or a bundler-made id such as `\0rolldown/runtime.js`). */
  id: string
  /** Its code as rendered into the chunk: unused exports removed, not yet minified. */
  code: string
}

/** What to build: one entry module, with `bench:*` aliases telling it which SDK or perfscope part to load. */
export interface BuildRequest {
  entry: string
  /** Exact specifier → absolute path or package specifier, e.g. `{ 'bench:sdk': '/…/sentry.ts' }`. */
  aliases: Record<string, string>
  /** Packages the app already has and that are not counted (React for the overlay). */
  external?: readonly string[]
  /** Writes the files there when given; otherwise keeps them in memory. */
  outDir?: string
  /** The file name of the entry chunk (without `.js`); default `entry`. */
  name?: string
  /** Minify (the default); off for CPU profiles, so function names stay readable. */
  minify?: boolean
  /** Write a source map beside each file (default off), to map a profiled position to its source file and line. */
  sourcemap?: boolean
  /** Build plugins the SDK tells its users to add (perfscope's compile hints). */
  plugins?: readonly PluginOption[]
}

/**
 * A production build with Vite (Rolldown, minified, tree-shaken, `NODE_ENV=production`), as an app would ship it.
 * Workspace packages resolve to their sources (the `@perfscope/source` condition), so no `npm run build` is needed.
 */
export async function viteBuild(request: BuildRequest): Promise<BuiltFile[]> {
  const name = request.name ?? 'entry'
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    mode: 'production',
    plugins: request.plugins ? [...request.plugins] : [],
    resolve: {
      conditions: sourceConditions.client,
      alias: Object.entries(request.aliases).map(([find, replacement]) => ({
        find: new RegExp(`^${find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
        replacement,
      })),
    },
    build: {
      write: request.outDir !== undefined,
      outDir: request.outDir ?? 'dist',
      emptyOutDir: true,
      minify: request.minify ?? true,
      sourcemap: request.sourcemap ?? false,
      reportCompressedSize: false,
      modulePreload: false,
      copyPublicDir: false,
      rolldownOptions: {
        input: { [name]: request.entry },
        external: request.external ? [...request.external] : [],
        output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  })
  return filesOf(Array.isArray(output) ? output : [output as Rolldown.RolldownOutput])
}

function filesOf(outputs: Rolldown.RolldownOutput[]): BuiltFile[] {
  const items = outputs.flatMap((o) => o.output)
  const chunks = new Map<string, Rolldown.OutputChunk>()
  for (const item of items) if (item.type === 'chunk') chunks.set(item.fileName, item)
  // Eager: the entries and, transitively, everything they import statically.
  const eager = new Set<string>()
  const queue = [...chunks.values()].filter((c) => c.isEntry).map((c) => c.fileName)
  while (queue.length > 0) {
    const fileName = queue.pop()!
    if (eager.has(fileName)) continue
    eager.add(fileName)
    for (const imported of chunks.get(fileName)?.imports ?? []) queue.push(imported)
  }
  const encoder = new TextEncoder()
  const files: BuiltFile[] = []
  for (const item of items) {
    if (item.type === 'chunk') {
      const modules = Object.entries(item.modules).map(([id, m]) => ({ id, code: m.code ?? '' }))
      files.push({
        fileName: item.fileName,
        source: encoder.encode(item.code),
        eager: eager.has(item.fileName),
        modules,
      })
    } else if (item.fileName.endsWith('.css')) {
      const source = typeof item.source === 'string' ? encoder.encode(item.source) : item.source
      files.push({ fileName: item.fileName, source, eager: true, modules: [] })
    }
  }
  return files
}
