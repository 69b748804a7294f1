import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { caseProblems, parseCases, referenceProblems } from '../compatibilityDoc.ts'

const ROOT = join(import.meta.dirname, '../..')
const DOC = 'docs/compatibility.md'

function readRepoFile(file: string): string | null {
  const path = join(ROOT, file)
  return existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : null
}

/** Every file of the repo, committed or not yet (ignored files such as node_modules and dist are left out by git). */
function repoFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  return [...new Set(listed.split('\0'))].filter((file) => file !== '')
}

/** The repo's text files, except the bench's recorded results and the checker and this test, which spell out what they forbid. */
function repoTextFiles(): { file: string; text: string }[] {
  const skip = new Set(['scripts/compatibilityDoc.ts', 'scripts/__tests__/compatibilityDoc.test.ts'])
  const files: { file: string; text: string }[] = []
  for (const file of repoFiles()) {
    if (
      file === '' ||
      skip.has(file) ||
      file.startsWith('bench/results/') ||
      /\.(png|jpe?g|gif|webp|ico|woff2?)$/.test(file)
    )
      continue
    const text = readRepoFile(file)
    if (text !== null && !text.includes('\0')) files.push({ file, text })
  }
  return files
}

describe('docs/compatibility.md', () => {
  const cases = parseCases(readRepoFile(DOC) ?? '')

  it('names, for every case, test files that exist and test names found in them', () => {
    expect(caseProblems(cases, readRepoFile)).toEqual([])
  })

  it('is the only place cases are explained: no file cites notes outside the repo or a case the doc lacks', () => {
    const files = repoTextFiles()
    expect(files.length).toBeGreaterThan(100)
    const markdown = new Set(repoFiles().map((file) => file.split('/').pop()!))
    expect(files.flatMap(({ file, text }) => referenceProblems(file, text, cases, markdown))).toEqual([])
  })
})

describe('the compatibility-doc checks', () => {
  const doc = [
    '# Compatibility cases',
    '## fetch',
    '### 1. First case',
    '**Pinned by:**',
    '- `a.test.ts`: `does one thing (compatibility case 1)`',
    '- `missing.test.ts`: `does anything`',
    '## Storage',
    '### 3. Third case',
    'No test pins this yet.',
    '### 2. Second case',
    '- `a.test.ts`: `a name that is not there`',
    '### 4. Fourth case',
    'Nothing here.',
  ].join('\n')
  const files: Record<string, string> = { 'a.test.ts': "it('does one thing (compatibility case 1)', () => {})" }

  it('reads number, anchor and pins of each case, stopping at the next group heading', () => {
    const cases = parseCases(doc)
    expect(cases.map((c) => [c.number, c.anchor, c.pins.length, c.saysUntested])).toEqual([
      [1, '1-first-case', 2, false],
      [3, '3-third-case', 0, true],
      [2, '2-second-case', 1, false],
      [4, '4-fourth-case', 0, false],
    ])
  })

  it('reports a missing file, a missing test name, a number out of order and a case without tests that does not say so', () => {
    expect(caseProblems(parseCases(doc), (file) => files[file] ?? null)).toEqual([
      'case 1: missing.test.ts does not exist',
      'case 2 comes after case 3: numbers only grow',
      'case 2: a.test.ts has no test named "a name that is not there"',
      'case 4 names no test and does not say "No test pins this yet"',
    ])
  })

  it('reports citations of outside notes, unknown case numbers in lists and ranges, and links to missing anchors', () => {
    const cases = parseCases(doc)
    const text = [
      '// keeps the body (NOTES.md, see ROADMAP.md and PLAN.md; README.md is here)',
      "it('wraps once (pitfall 11)')",
      '// docs/compatibility.md cases 1–3 and compatibility cases 4, 9',
      'see [case 1](compatibility.md#1-first-case) and [case 7](compatibility.md#7-gone)',
    ].join('\n')
    expect(referenceProblems('x.ts', text, cases, new Set(['README.md']))).toEqual([
      'x.ts:1 cites "NOTES.md", which is not in the repo: say the reason, or cite docs/compatibility.md',
      'x.ts:1 cites "ROADMAP.md", which is not in the repo: say the reason, or cite docs/compatibility.md',
      'x.ts:1 cites "PLAN.md", which is not in the repo: say the reason, or cite docs/compatibility.md',
      'x.ts:2 cites "pitfall", which is not in the repo: say the reason, or cite docs/compatibility.md',
      'x.ts:3 refers to compatibility case 9, which docs/compatibility.md does not have',
      'x.ts:4 links to compatibility.md#7-gone, which no case heading makes',
    ])
  })
})
