import { describe, expect, it } from 'vitest'
import { extractSnippets } from '../checkDocSnippets.ts'

describe('extractSnippets()', () => {
  it('finds ts and tsx blocks with the line they start on and skips nocheck and other languages', () => {
    const md = [
      '# Title',
      '',
      '```ts',
      'const a = 1',
      '```',
      '',
      '```sh',
      'npm test',
      '```',
      '```tsx nocheck',
      '<A/>',
      '```',
      '```tsx',
      '<B/>',
      '```',
      '',
    ].join('\n')
    expect(extractSnippets('doc.md', md)).toEqual([
      { file: 'doc.md', line: 4, lang: 'ts', code: 'const a = 1\n' },
      { file: 'doc.md', line: 14, lang: 'tsx', code: '<B/>\n' },
    ])
  })
})
