import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { build, type Rollup } from 'vite'
import react from '@vitejs/plugin-react'
import { sourceConditions } from '../../../../test-support/sourceConditions'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))

/** Builds a one-file app as `vite build` does (NODE_ENV is production) (React kept external, so only perfscope's code is in the output). */
async function buildApp(entry: string): Promise<Rollup.OutputChunk[]> {
  // Vitest runs with NODE_ENV=test, which Vite would honour; a shell's `vite build` has it unset or production.
  const saved = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    mode: 'production',
    plugins: [react()],
    resolve: { conditions: sourceConditions.client },
    build: {
      write: false,
      minify: false,
      rollupOptions: { input: entry, external: [/^react($|\/)/, /^react-dom($|\/)/] },
    },
  }).finally(() => {
    process.env.NODE_ENV = saved
  })
  const outputs = Array.isArray(result) ? result : [result]
  return outputs
    .flatMap((o) => ('output' in o ? o.output : []))
    .filter((c): c is Rollup.OutputChunk => c.type === 'chunk')
}

describe('@perfscope/react in a production build', () => {
  it('drops the overlay and its panel from an app that imports the default entry', async () => {
    const chunks = await buildApp(fixture('devOnlyApp.tsx'))
    const code = chunks.map((c) => c.code).join('\n')
    expect(chunks).toHaveLength(1)
    expect(code).not.toContain('Performance overlay')
    expect(code).not.toContain('uplot')
    expect(code).not.toContain('attachShadow')
  }, 60_000)

  it('keeps the overlay, with the panel in its own lazy chunk, for an app that imports ./production', async () => {
    const chunks = await buildApp(fixture('productionApp.tsx'))
    const entry = chunks.find((c) => c.isEntry)!
    const lazy = chunks.filter((c) => !c.isEntry)
    expect(entry.code).toContain('Performance overlay')
    expect(entry.code).not.toContain('u-legend')
    expect(lazy.length).toBeGreaterThanOrEqual(1)
    expect(lazy.map((c) => c.code).join('\n')).toContain('u-legend')
  }, 60_000)
})
