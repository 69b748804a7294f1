import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

/**
 * A fresh folder outside the repo for one consumer app, removed after the calling test file, so nothing the app
 * installs or builds can reach the monorepo's node_modules or be picked up from it. Call it after anything that
 * may throw while the file is collected (reading the docs), or the folder is left behind.
 */
export function makeTempApp(prefix: string, packageJson?: object): string {
  const dir = mkdtempSync(join(tmpdir(), `perfscope-${prefix}-`))
  if (packageJson) writeFileSync(join(dir, 'package.json'), JSON.stringify(packageJson, null, 2))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}
