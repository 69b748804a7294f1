import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const GETTING_STARTED = fileURLToPath(new URL('../../../docs/getting-started.md', import.meta.url))

/** A code block whose first line names the file it is (`// app/layout.tsx`). */
const FILE_BLOCK = /^```[a-z]*[^\n]*\n\/\/ ([\w@.()[\]/-]+\.(?:tsx?|mjs|js))\n([\s\S]*?)^```/gm
const INSTALL_LINE = /^```sh\n(npm install [^\n]+)\n```/m

/** What one section of docs/getting-started.md tells a user to do: the install line and the files to write. */
export interface DocSetup {
  /** The packages of the section's `npm install` line. */
  install: string[]
  /** File path (relative to the app) → contents, exactly as the docs show them. */
  files: Map<string, string>
}

/**
 * Reads the section of docs/getting-started.md under `## <heading>` (up to the next `## `), so the consumer-app
 * tests set an app up exactly as the docs say and a doc that stops working fails a test.
 */
export function docSetup(heading: string): DocSetup {
  const markdown = readFileSync(GETTING_STARTED, 'utf8')
  const start = markdown.indexOf(`\n## ${heading}\n`)
  if (start < 0) throw new Error(`docs/getting-started.md has no "## ${heading}" section`)
  const rest = markdown.slice(start + 1)
  const next = rest.indexOf('\n## ', 1)
  const section = next < 0 ? rest : rest.slice(0, next)
  const install = INSTALL_LINE.exec(section)?.[1]
  if (!install) throw new Error(`"## ${heading}" in docs/getting-started.md has no \`npm install …\` block`)
  const files = new Map<string, string>()
  for (const [, path, body] of section.matchAll(FILE_BLOCK)) files.set(path!, `// ${path}\n${body}`)
  return { install: install.split(/\s+/).slice(2), files }
}
