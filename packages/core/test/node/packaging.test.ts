import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const packages = ['core', 'react', 'server'] as const

describe.each(packages)('the built @perfscope/%s package', (name) => {
  const root = fileURLToPath(new URL(`../../../${name}/`, import.meta.url))
  const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8'))

  it('declares itself free of side effects (but for an opt-in start entry) and lists the source condition, then types, then default', () => {
    // The workspace's source condition must come first: TypeScript takes the first condition that matches, and
    // with `types` first it would read a stale dist/ instead of the sources.
    // `@perfscope/react/start` exists for its side effect: bundlers would drop a bare import of it otherwise.
    expect(manifest.sideEffects === false ? [] : manifest.sideEffects).toEqual(
      name === 'react' ? ['./src/start.ts', './dist/start.js'] : [],
    )
    // The server adds a `node` condition (Prometheus and the file store) before the Fetch-API default.
    const conditions =
      name === 'server' ? ['@perfscope/source', 'node', 'types', 'default'] : ['@perfscope/source', 'types', 'default']
    expect(Object.keys(manifest.exports['.'])).toEqual(conditions)
    expect(manifest.exports['./package.json']).toBe('./package.json')
  })

  it('loads in plain Node from dist/ (ESM with explicit extensions)', async () => {
    await expect(import(`${root}dist/index.js`)).resolves.toBeTypeOf('object')
  })
})
