/**
 * Type-checks every TypeScript code block in the Markdown docs, so examples cannot rot.
 * Each ```ts / ```tsx block becomes a module under `.doc-snippets/` and is compiled with the workspace's
 * settings (packages resolve to their sources). A block fenced as ```ts nocheck is skipped: use it only for
 * fragments that cannot stand alone (a shell-like signature listing), and say why next to it.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const FENCE = /^```(tsx|typescript|ts)(\b[^\n]*)?\n([\s\S]*?)^```/gm

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return markdownFiles(path)
    return name.endsWith('.md') ? [path] : []
  })
}

export interface Snippet {
  file: string
  line: number
  lang: 'ts' | 'tsx'
  code: string
}

/** The checkable code blocks of one Markdown text, with the line each starts on. */
export function extractSnippets(file: string, markdown: string): Snippet[] {
  const snippets: Snippet[] = []
  for (const match of markdown.matchAll(FENCE)) {
    const [, lang, info, code] = match
    if (info?.includes('nocheck')) continue
    const line = markdown.slice(0, match.index).split('\n').length + 1
    snippets.push({ file, line, lang: lang === 'tsx' ? 'tsx' : 'ts', code: code! })
  }
  return snippets
}

function main(): void {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const outDir = join(root, '.doc-snippets')
  const packageReadmes = ['core', 'react', 'server'].map((name) => join(root, 'packages', name, 'README.md'))
  const files = [join(root, 'README.md'), ...packageReadmes, ...markdownFiles(join(root, 'docs'))]
  const snippets = files.flatMap((f) => extractSnippets(relative(root, f), readFileSync(f, 'utf8')))
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  const names = snippets.map((s, i) => {
    const name = `${s.file.replace(/[^a-z0-9]+/gi, '_')}_L${s.line}_${i}.${s.lang}`
    // Each snippet is its own module, so top-level names in one cannot clash with another's.
    writeFileSync(join(outDir, name), `// ${s.file}:${s.line}\n${s.code}\nexport {}\n`)
    return name
  })
  writeFileSync(
    join(outDir, 'tsconfig.json'),
    JSON.stringify({
      extends: '../tsconfig.base.json',
      compilerOptions: { noEmit: true, types: ['node'], noUnusedLocals: false },
      include: names,
    }),
  )
  try {
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(outDir, 'tsconfig.json')], { stdio: 'pipe' })
  } catch (error) {
    const output = String((error as { stdout?: Buffer }).stdout ?? error)
    console.error(`Doc snippets that do not type-check (file_line in the path names the Markdown source):\n${output}`)
    process.exit(1)
  }
  console.log(`doc snippets: ${snippets.length} type-checked from ${files.length} Markdown files`)
  rmSync(outDir, { recursive: true, force: true })
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()
