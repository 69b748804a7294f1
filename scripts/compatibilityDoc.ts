/** One test that holds a compatibility case: a file relative to the repo root and the test's name in it. */
export interface CasePin {
  file: string
  name: string
}

/** One numbered section of docs/compatibility.md. */
export interface CompatibilityCase {
  number: number
  /** GitHub's anchor for the section heading, as links to it are written (`compatibility.md#38-...`). */
  anchor: string
  pins: CasePin[]
  /** The section says in so many words that part or all of it has no test. */
  saysUntested: boolean
}

const CASE_HEADING = /^### (\d+)\. (.+)$/gm
const PIN_LINE = /^- `([^`]+)`: `([^`]+)`\s*$/gm
const UNTESTED = /\bno test\b/i
/**
 * Citations of notes the repo does not hold: the repo has to explain itself. A notes file's upper-case name
 * (`NOTES.md`) is one unless the repo has a file of that name; the old label for numbered cases is one always.
 */
const MARKDOWN_NAME = /\b[A-Z][A-Z0-9_-]*\.md\b/g
const OLD_CASE_LABEL = /\bpitfalls?\b/gi
/** `compatibility case 3`, `docs/compatibility.md cases 1–3`, `compatibility cases 24 and 37`, `cases 6, 7`. */
const CASE_REFERENCE = /compatibility(?:\.md)? cases? (\d+(?:\s*(?:–|-|,|and)\s*\d+)*)/gi
const CASE_LINK = /compatibility\.md#([\w-]+)/g

/** GitHub's heading anchor: lower case, punctuation dropped, spaces turned into hyphens. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-')
}

/** The numbered cases of docs/compatibility.md, in the order they appear. */
export function parseCases(markdown: string): CompatibilityCase[] {
  const headings = [...markdown.matchAll(CASE_HEADING)]
  return headings.map((heading, i) => {
    const end = i + 1 < headings.length ? headings[i + 1]!.index : markdown.length
    // A case's section runs to the next case or the next `##` group heading.
    let body = markdown.slice(heading.index + heading[0].length, end)
    const group = body.search(/^## /m)
    if (group >= 0) body = body.slice(0, group)
    return {
      number: Number(heading[1]),
      anchor: anchorOf(`${heading[1]}. ${heading[2]}`),
      pins: [...body.matchAll(PIN_LINE)].map((m) => ({ file: m[1]!, name: m[2]! })),
      saysUntested: UNTESTED.test(body),
    }
  })
}

/**
 * What is wrong with the cases: numbers out of order or repeated, a case that names no test and does not say so,
 * a named file that does not exist (`read` returns null) or that does not contain the test's name.
 */
export function caseProblems(cases: CompatibilityCase[], read: (file: string) => string | null): string[] {
  const problems: string[] = []
  if (cases.length === 0) problems.push('no case found (headings look like "### 12. Title")')
  let previous = 0
  for (const c of cases) {
    if (c.number <= previous) problems.push(`case ${c.number} comes after case ${previous}: numbers only grow`)
    previous = c.number
    if (c.pins.length === 0 && !c.saysUntested)
      problems.push(`case ${c.number} names no test and does not say "No test pins this yet"`)
    for (const pin of c.pins) {
      const text = read(pin.file)
      if (text === null) problems.push(`case ${c.number}: ${pin.file} does not exist`)
      else if (!text.includes(pin.name)) problems.push(`case ${c.number}: ${pin.file} has no test named "${pin.name}"`)
    }
  }
  return problems
}

function numbersIn(list: string): number[] {
  const numbers: number[] = []
  for (const part of list.split(/\s*(?:,|and)\s*/)) {
    const range = /^(\d+)\s*[–-]\s*(\d+)$/.exec(part)
    if (range) for (let n = Number(range[1]); n <= Number(range[2]); n++) numbers.push(n)
    else if (/^\d+$/.test(part)) numbers.push(Number(part))
  }
  return numbers
}

function lineOf(text: string, index: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++
  return line
}

/**
 * What is wrong with one file's text: a citation of notes outside the repo, a reference to a case number the doc
 * does not have, or a link to an anchor of docs/compatibility.md that no heading makes.
 */
export function referenceProblems(
  file: string,
  text: string,
  cases: CompatibilityCase[],
  markdownInRepo: ReadonlySet<string>,
): string[] {
  const problems: string[] = []
  const outside = (m: RegExpMatchArray) =>
    `${file}:${lineOf(text, m.index!)} cites "${m[0]}", which is not in the repo: say the reason, or cite docs/compatibility.md`
  for (const m of text.matchAll(MARKDOWN_NAME)) if (!markdownInRepo.has(m[0])) problems.push(outside(m))
  for (const m of text.matchAll(OLD_CASE_LABEL)) problems.push(outside(m))
  const numbers = new Set(cases.map((c) => c.number))
  for (const m of text.matchAll(CASE_REFERENCE)) {
    for (const n of numbersIn(m[1]!)) {
      if (!numbers.has(n))
        problems.push(
          `${file}:${lineOf(text, m.index)} refers to compatibility case ${n}, which docs/compatibility.md does not have`,
        )
    }
  }
  const anchors = new Set(cases.map((c) => c.anchor))
  for (const m of text.matchAll(CASE_LINK)) {
    if (!anchors.has(m[1]!))
      problems.push(`${file}:${lineOf(text, m.index)} links to compatibility.md#${m[1]}, which no case heading makes`)
  }
  return problems
}
