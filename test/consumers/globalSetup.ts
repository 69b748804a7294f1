import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { consumerEnv } from './lib/runStep.ts'
import type { PackedPackages } from './lib/tarballs.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
/** In build order: react and server compile against core's built types. */
const PACKAGES = ['core', 'server', 'react']

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path)
    .filter((name) => name !== '__tests__')
    .reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), 0)
}

/** True when a package's `dist/` is missing or older than its sources or build settings. */
function isStale(dir: string): boolean {
  const built = join(dir, 'dist', 'index.js')
  if (!existsSync(built)) return true
  const sources = Math.max(newestMtime(join(dir, 'src')), newestMtime(join(dir, 'tsconfig.build.json')))
  return sources > statSync(built).mtimeMs
}

/**
 * Packs the three packages once for every consumer-app test, as `npm publish` would (building them first when
 * `dist/` is out of date), into a temp folder outside the repo that is removed at the end.
 */
export default function setup(project: TestProject): () => void {
  const dirs = PACKAGES.map((name) => join(ROOT, 'packages', name))
  if (dirs.some(isStale)) {
    execFileSync('npm', ['run', 'build', ...dirs.flatMap((dir) => ['--workspace', dir])], {
      cwd: ROOT,
      env: consumerEnv(),
      stdio: 'inherit',
    })
  }
  const out = mkdtempSync(join(tmpdir(), 'perfscope-pack-'))
  // --ignore-scripts: the build above already ran; `prepack` would build each package again.
  const json = execFileSync(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', out, ...dirs.flatMap((dir) => ['--workspace', dir])],
    { cwd: ROOT, env: consumerEnv(), encoding: 'utf8' },
  )
  const packed = JSON.parse(json) as { name: string; filename: string; files: { path: string }[] }[]
  const pack: PackedPackages = { tarballs: {}, files: {} }
  for (const { name, filename, files } of packed) {
    pack.tarballs[name] = join(out, filename)
    pack.files[name] = files.map((f) => f.path)
  }
  project.provide('perfscopePack', pack)
  return () => rmSync(out, { recursive: true, force: true })
}
