import { describe, expect, it } from 'vitest'
import { sourceMapLookup } from '../profile/sourceMap.ts'

describe('sourceMapLookup()', () => {
  // Line 0: column 0 -> a.ts line 1; column 5 -> b.ts line 3. Line 1: column 0 -> b.ts line 2 (a negative delta).
  // Line 2: column 16 (a two-digit VLQ, `gB`) -> b.ts line 2.
  const lookup = sourceMapLookup({ sources: ['a.ts', 'b.ts'], mappings: 'AAAA,KCEA;AADA;gBAAA' })

  it('maps a column to the segment that starts at or before it', () => {
    expect(lookup(0, 0)).toEqual({ source: 'a.ts', line: 1 })
    expect(lookup(0, 4)).toEqual({ source: 'a.ts', line: 1 })
    expect(lookup(0, 5)).toEqual({ source: 'b.ts', line: 3 })
    expect(lookup(0, 999)).toEqual({ source: 'b.ts', line: 3 })
  })

  it('carries source index and original line across lines, with negative deltas', () => {
    expect(lookup(1, 0)).toEqual({ source: 'b.ts', line: 2 })
  })

  it('reads multi-digit VLQ values and answers null before a line’s first segment or past the last line', () => {
    expect(lookup(2, 15)).toBeNull()
    expect(lookup(2, 16)).toEqual({ source: 'b.ts', line: 2 })
    expect(lookup(3, 0)).toBeNull()
  })

  it('refuses a character that is not base64', () => {
    expect(() => sourceMapLookup({ sources: ['a.ts'], mappings: 'A!AA' })).toThrow(/not a base64 VLQ digit/)
  })
})
