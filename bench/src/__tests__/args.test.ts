import { describe, expect, it } from 'vitest'
import { parseArgs } from '../args.ts'

describe('parseArgs()', () => {
  it('runs everything at full counts when given nothing', () => {
    expect(parseArgs([])).toEqual({ only: null, quick: false, list: false })
  })

  it('reads --only as a comma list, in both spellings, and repeated', () => {
    expect(parseArgs(['--only', 'fetch,heap', '--only=bundle']).only).toEqual(['fetch', 'heap', 'bundle'])
  })

  it('refuses an unknown option and an --only without ids rather than running something else', () => {
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option --fast/)
    expect(() => parseArgs(['--only'])).toThrow(/needs measurement ids/)
  })
})
