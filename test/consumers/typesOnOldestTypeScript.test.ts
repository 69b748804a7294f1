import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeTempApp } from './lib/makeTempApp.ts'
import { runStep } from './lib/runStep.ts'
import { tarballsFor } from './lib/tarballs.ts'

/** The oldest TypeScript the packages' README files promise; the test compiles against exactly that. */
const OLDEST_TYPESCRIPT = '5.0'
const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Every public entry point, used in ways that make the compiler read each declaration file they reach. */
const CONSUMER = `import { createMonitor, type Snapshot } from '@perfscope/core'
import { decodeBatch } from '@perfscope/core/codec'
import { PerfOverlay, PerfscopeProvider, usePerformanceMonitor } from '@perfscope/react'
import { PerfOverlay as ShippedOverlay } from '@perfscope/react/production'
import { perfscopeMiddleware, withPerfscope } from '@perfscope/server'

export const monitor = createMonitor()
export const endpoints = (s: Snapshot) => s.endpoints.map((e) => e.key)
export const decode = decodeBatch
export function Root() {
  const { state: lcp } = usePerformanceMonitor((s) => s.vitals.LCP)
  return (
    <PerfscopeProvider>
      <p>{lcp?.value}</p>
      <PerfOverlay mode="floating" />
      <ShippedOverlay mode="page" />
    </PerfscopeProvider>
  )
}
export const server = [perfscopeMiddleware, withPerfscope]
`

const tsconfig = (module: string, moduleResolution: string) => ({
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    module,
    moduleResolution,
    jsx: 'react-jsx',
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    types: ['node'],
  },
  files: ['consumer.tsx'],
})

describe(`the packed types on TypeScript ${OLDEST_TYPESCRIPT}`, () => {
  const app = makeTempApp('types', { name: 'types-consumer', private: true, type: 'module' })

  beforeAll(async () => {
    // @types/node 20 is the newest that still compiles on TypeScript 5.0 (later ones use `Disposable`).
    const packages = [
      ...tarballsFor(['@perfscope/core', '@perfscope/react', '@perfscope/server']),
      'react@19',
      'react-dom@19',
      `typescript@~${OLDEST_TYPESCRIPT}.0`,
      '@types/react@19',
      '@types/react-dom@19',
      '@types/node@20',
    ]
    await runStep('npm install (types consumer)', 'npm', ['install', '--no-audit', '--no-fund', ...packages], {
      cwd: app,
      timeoutMs: 240_000,
    })
    writeFileSync(join(app, 'consumer.tsx'), CONSUMER)
  })

  it('installs one zustand', async () => {
    const paths = await runStep('npm ls zustand', 'npm', ['ls', 'zustand', '--all', '--parseable'], {
      cwd: app,
      timeoutMs: 60_000,
    })
    const copies = paths.split('\n').filter((line) => line.includes('node_modules/zustand'))
    expect(copies, `zustand installed at:\n${copies.join('\n')}`).toHaveLength(1)
  })

  for (const [module, resolution] of [
    ['ESNext', 'bundler'],
    ['Node16', 'node16'],
  ] as const) {
    it(`compiles a consumer with skipLibCheck off and moduleResolution ${resolution}`, async () => {
      writeFileSync(join(app, `tsconfig.${resolution}.json`), JSON.stringify(tsconfig(module, resolution)))
      const version = await runStep(
        'tsc --version',
        process.execPath,
        ['node_modules/typescript/bin/tsc', '--version'],
        { cwd: app, timeoutMs: 30_000 },
      )
      expect(version).toContain(`Version ${OLDEST_TYPESCRIPT}.`)
      await runStep(
        `tsc ${OLDEST_TYPESCRIPT} (${resolution})`,
        process.execPath,
        ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${resolution}.json`],
        {
          cwd: app,
          timeoutMs: 180_000,
        },
      )
    })
  }

  it('is the minimum each package README states', () => {
    for (const dir of ['core', 'react', 'server']) {
      expect(readFileSync(join(ROOT, 'packages', dir, 'README.md'), 'utf8')).toContain(
        `TypeScript ${OLDEST_TYPESCRIPT} or newer`,
      )
    }
  })
})
