import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Rolldown } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMPILE_HINT, perfscopeCompileHints } from '../../src/build/compileHints.ts'
import { sourceConditions } from '../../../../test-support/sourceConditions.ts'

/** An app that starts a monitor, built for production as Vite builds it (minified, with source maps). */
async function buildApp(dir: string, withPlugin: boolean): Promise<Rolldown.OutputChunk[]> {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    root: dir,
    // The app lives outside the repository: perfscope is resolved from its sources, its dependencies from there.
    resolve: { conditions: sourceConditions.client, alias: { '@perfscope/core': coreIndex } },
    plugins: withPlugin ? [perfscopeCompileHints()] : [],
    build: {
      write: false,
      sourcemap: true,
      rolldownOptions: { input: join(dir, 'app.ts') },
    },
  })) as Rolldown.RolldownOutput
  return output.output.filter((item): item is Rolldown.OutputChunk => item.type === 'chunk')
}

const coreIndex = fileURLToPath(new URL('../../src/index.ts', import.meta.url))
const isPerfscope = (id: string) => /packages[\\/]core[\\/]src[\\/]/.test(id)

describe('perfscopeCompileHints()', () => {
  let dir: string
  let hinted: Rolldown.OutputChunk[]
  let plain: Rolldown.OutputChunk[]

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'perfscope-hints-'))
    await writeFile(
      join(dir, 'app.ts'),
      "import { createMonitor } from '@perfscope/core'\nexport const appState = { ready: true }\ncreateMonitor().start()\n",
    )
    hinted = await buildApp(dir, true)
    plain = await buildApp(dir, false)
  }, 60_000)

  afterAll(() => rm(dir, { recursive: true, force: true }))

  it("marks the chunk of perfscope's start-up code and the chunks of its own modules it imports, and no other", () => {
    const startUp = hinted.find((c) => c.moduleIds.some((id) => /features[\\/]idleCode\.ts$/.test(id)))!
    expect(startUp.code).toContain(`${COMPILE_HINT}\n`)
    for (const chunk of hinted) {
      const ownImport = startUp.imports.includes(chunk.fileName) && chunk.moduleIds.every(isPerfscope)
      const marked = chunk === startUp || ownImport
      expect(chunk.code.includes(COMPILE_HINT), chunk.fileName).toBe(marked)
    }
    // The entry holds the app's own code: never marked.
    expect(hinted.find((c) => c.isEntry)!.code).not.toContain(COMPILE_HINT)
    expect(plain.every((c) => !c.code.includes(COMPILE_HINT))).toBe(true)
  })

  it('puts the hint before the code and keeps the source maps pointing at the same lines', () => {
    for (const chunk of hinted.filter((c) => c.code.includes(COMPILE_HINT))) {
      const before = plain.find((c) => c.name === chunk.name)!
      const lines = chunk.code.split('\n')
      const hintLine = lines.indexOf(COMPILE_HINT)
      // Only a bundler's preamble without functions of perfscope may come first (Vite's preload list).
      expect(lines.slice(0, hintLine).join('\n'), chunk.fileName).not.toMatch(/function|class /)
      // Same code after the hint; the map has one more (empty) line where the hint went.
      expect(chunk.code.replace(`${COMPILE_HINT}\n`, '')).toBe(before.code)
      const groups = chunk.map!.mappings.split(';')
      expect(groups[hintLine]).toBe('')
      expect(groups.filter((_, i) => i !== hintLine).join(';')).toBe(before.map!.mappings)
    }
  })

  it('runs only for builds and marks a chunk once however often it runs', () => {
    const plugin = perfscopeCompileHints()
    expect(plugin.apply).toBe('build')
    const file = {
      type: 'chunk',
      code: 'export const x = 1',
      moduleIds: ['/app/node_modules/@perfscope/core/dist/features/idleCode.js'],
      imports: [],
      map: { mappings: 'AAAA' },
    }
    plugin.generateBundle({}, { 'idle.js': file })
    plugin.generateBundle({}, { 'idle.js': file })
    expect(file.code).toBe(`${COMPILE_HINT}\nexport const x = 1`)
    expect(file.map.mappings).toBe(';AAAA')
  })
})
