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
    // The server has a Node entry (with Prometheus) beside its Fetch-API entry, each with its own types.
    const conditions = name === 'server' ? ['@perfscope/source', 'node', 'types', 'default'] : ['@perfscope/source', 'types', 'default']
    expect(Object.keys(manifest.exports['.'])).toEqual(conditions)
    if (name === 'server') expect(Object.keys(manifest.exports['.'].node)).toEqual(['types', 'default'])
    expect(manifest.exports['./package.json']).toBe('./package.json')
  })

  it('loads in plain Node from dist/ (ESM with explicit extensions)', async () => {
    await expect(import(`${root}dist/index.js`)).resolves.toBeTypeOf('object')
    if (name === 'server') await expect(import(`${root}dist/index.node.js`)).resolves.toBeTypeOf('object')
  })
})
