/**
 * V8's magic comment that compiles every function of a script eagerly, on the thread that streams the script in,
 * instead of one by one on the main thread the first time each runs (Chrome 136 and later; other engines read it as
 * a comment). It acts only on the functions that follow it, so it goes at the top of the file.
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad'

/** A module of perfscope's core, from the sources or from the published package. */
const PERFSCOPE_MODULE = /(?:@perfscope|packages)[\\/]core[\\/](?:src|dist)[\\/]/
/** perfscope's start-up code: what its features load at the page's first idle moment, gathered in one module. */
const START_UP_MODULE = /[\\/]features[\\/]idleCode\.[jt]s$/

/** The parts of a Rollup / Rolldown output file the plugin reads and writes. */
interface OutputFile {
  type: string
  code?: string
  moduleIds?: readonly string[]
  imports?: readonly string[]
  map?: { mappings: string } | null
}

/** A Vite / Rollup / Rolldown plugin (typed structurally, so perfscope needs none of them to be installed). */
export interface PerfscopeBuildPlugin {
  name: string
  apply: 'build'
  enforce: 'post'
  generateBundle(options: unknown, bundle: Record<string, OutputFile>): void
}

/**
 * A build plugin that marks the chunk holding perfscope's start-up code for eager compilation, and the chunks of
 * perfscope's own modules it imports. Almost all of that code runs within a second of the page's load; compiled
 * lazily, one function at a time on the main thread, it was about a fifth of perfscope's start-up script time in
 * Chromium (see `npm run bench`). Eagerly, it is compiled off the main thread while the chunk downloads. Minifiers drop
 * comments, so the hint is added to the written chunks, after them. A chunk that holds any of the app's modules is
 * left as it is.
 *
 * ```ts
 * // vite.config.ts
 * import { perfscopeCompileHints } from '@perfscope/core/vite'
 * export default defineConfig({ plugins: [react(), perfscopeCompileHints()] })
 * ```
 */
export function perfscopeCompileHints(): PerfscopeBuildPlugin {
  return {
    name: 'perfscope:compile-hints',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        const ids = file.moduleIds ?? []
        if (file.type !== 'chunk' || !ids.some((id) => PERFSCOPE_MODULE.test(id) && START_UP_MODULE.test(id))) continue
        addHint(file)
        for (const name of file.imports ?? []) {
          const imported = bundle[name]
          if (imported?.moduleIds?.every((id) => PERFSCOPE_MODULE.test(id))) addHint(imported)
        }
      }
    },
  }
}

function addHint(file: OutputFile): void {
  if (file.code === undefined || file.code.startsWith(COMPILE_HINT)) return
  file.code = `${COMPILE_HINT}\n${file.code}`
  // One line more at the top: every mapped line moves down by one.
  if (file.map) file.map.mappings = `;${file.map.mappings}`
}
