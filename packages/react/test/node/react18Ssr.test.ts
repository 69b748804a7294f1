import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url))

describe('@perfscope/react on React 18, on the server', () => {
  it('renders the same markup as on React 19 (what hydrate.html holds), without touching window', async () => {
    // A child process, because this one's `react` is React 19: the hook swaps in React 18 for every importer.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--conditions=@perfscope/source',
        '--import',
        'tsx',
        '--import',
        './test-support/react18/register.mjs',
        'packages/react/test/node/fixtures/renderOnReact18.tsx',
      ],
      { cwd: repoRoot, timeout: 30_000 },
    )
    const rendered = JSON.parse(stdout) as { version: string; html: string; hasWindow: boolean }
    const page = await readFile(new URL('../browser/fixtures/hydrate.html', import.meta.url), 'utf8')
    const expected = /<div id="root">(.*)<\/div>\s*<script/s.exec(page)![1]
    expect(rendered.version).toMatch(/^18\./)
    expect(rendered.hasWindow).toBe(false)
    expect(rendered.html).toBe(expected)
  })
})
