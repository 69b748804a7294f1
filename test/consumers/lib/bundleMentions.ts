import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/** The JavaScript files under `dir` (a build's client output) whose text matches `pattern`, relative to `dir`. */
export function bundleMentions(dir: string, pattern: RegExp): string[] {
  const walk = (path: string): string[] =>
    statSync(path).isDirectory() ? readdirSync(path).flatMap((name) => walk(join(path, name))) : [path]
  return walk(dir)
    .filter((file) => file.endsWith('.js') && pattern.test(readFileSync(file, 'utf8')))
    .map((file) => relative(dir, file))
}
