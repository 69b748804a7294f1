import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, inject, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** An `exports` target: a path, or conditions (possibly nested) that lead to paths. */
type ExportTarget = string | { [condition: string]: ExportTarget }

interface Manifest {
  version: string
  main?: string
  types?: string
  bin?: Record<string, string>
  exports: Record<string, ExportTarget>
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}

const manifest = (dir: string) => JSON.parse(readFileSync(`${ROOT}/packages/${dir}/package.json`, 'utf8')) as Manifest
const PACKAGES = { '@perfscope/core': 'core', '@perfscope/react': 'react', '@perfscope/server': 'server' } as const

/** Every path a consumer's resolver can be sent to by `main`, `types`, `bin` and `exports`. */
function entryPaths(pkg: Manifest): string[] {
  const leaves = (target: ExportTarget): string[] =>
    typeof target === 'string' ? [target] : Object.values(target).flatMap(leaves)
  const targets = Object.values(pkg.exports).flatMap(leaves)
  return [pkg.main, pkg.types, ...Object.values(pkg.bin ?? {}), ...targets]
    .filter((p): p is string => p !== undefined)
    .map((p) => p.replace(/^\.\//, ''))
}

/** True when `version` satisfies a caret range `^x.y.z` (as npm reads it for 0.x versions too). */
function satisfiesCaret(range: string, version: string): boolean {
  const base = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range)?.slice(1).map(Number)
  const have = version.split('.').map(Number)
  if (!base || have.length !== 3) return false
  const [major, minor, patch] = base as [number, number, number]
  const [hMajor, hMinor, hPatch] = have as [number, number, number]
  if (hMajor !== major) return false
  if (major === 0 && hMinor !== minor) return false
  return hMinor > minor || (hMinor === minor && hPatch >= patch)
}

describe('the npm pack tarballs', () => {
  const { files } = inject('perfscopePack')

  for (const [name, dir] of Object.entries(PACKAGES)) {
    describe(name, () => {
      const packed = files[name] ?? []

      it('carries its README, the LICENSE and the built dist', () => {
        expect(packed).toEqual(
          expect.arrayContaining(['README.md', 'LICENSE', 'package.json', 'dist/index.js', 'dist/index.d.ts']),
        )
        expect(readFileSync(`${ROOT}/packages/${dir}/LICENSE`, 'utf8')).toBe(readFileSync(`${ROOT}/LICENSE`, 'utf8'))
      })

      it('carries no tests, fixtures or test helpers', () => {
        const testFiles = packed.filter((p) => /(^|\/)(__tests__|tests?|fixtures)\/|\.test(-d)?\.[cm]?[jt]sx?$/.test(p))
        expect(testFiles).toEqual([])
      })

      it('has every main, types, bin and exports target in the tarball', () => {
        const missing = entryPaths(manifest(dir)).filter((p) => p !== 'package.json' && !packed.includes(p))
        expect(missing).toEqual([])
      })

      it('depends on the other perfscope packages by a caret range the packed versions satisfy', () => {
        const ours = Object.entries(manifest(dir).dependencies ?? {}).filter(([dep]) => dep.startsWith('@perfscope/'))
        for (const [dep, range] of ours) {
          const version = manifest(PACKAGES[dep as keyof typeof PACKAGES]).version
          expect(
            satisfiesCaret(range, version),
            `${name} depends on ${dep}@${range}; packed ${dep} is ${version}`,
          ).toBe(true)
        }
      })
    })
  }

  it('leaves zustand to the core alone, so an app gets one copy of it from perfscope', () => {
    expect(manifest('core').dependencies?.zustand).toMatch(/^\^5\./)
    expect(manifest('react').dependencies?.zustand).toBeUndefined()
    expect(manifest('server').dependencies?.zustand).toBeUndefined()
  })
})
