import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const packages = ['core', 'react', 'server'] as const

describe.each(packages)('the built @perfscope/%s package', (name) => {
  const root = fileURLToPath(new URL(`../../../${name}/`, import.meta.url))
  const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8'))

  it('declares itself free of side effects and lists the source condition, then types, then default', () => {
    // The workspace's source condition must come first: TypeScript takes the first condition that matches, and
    // with `types` first it would read a stale dist/ instead of the sources.
    expect(manifest.sideEffects).toBe(false)
    const conditions = Object.keys(manifest.exports['.'])
    expect(conditions[0]).toBe('@perfscope/source')
    // Runtime conditions (the server's `node` entry) may sit between them; `types` then `default` close the list.
    expect(conditions.slice(-2)).toEqual(['types', 'default'])
    expect(manifest.exports['./package.json']).toBe('./package.json')
  })

  it('loads in plain Node from dist/ (ESM with explicit extensions)', async () => {
    await expect(import(`${root}dist/index.js`)).resolves.toBeTypeOf('object')
  })
})
