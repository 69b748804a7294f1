import { describe, expect, it } from 'vitest'
import { MAX_SERVER_TIMING_ENTRIES, MAX_SERVER_TIMING_LENGTH, parseServerTiming } from '../serverTiming.ts'

describe('parseServerTiming()', () => {
  it('reads names, durations and quoted descriptions with commas and semicolons', () => {
    expect(parseServerTiming('db;dur=53, app;dur=47.2;desc="render, a; b", cache;desc=hit')).toEqual([
      { name: 'db', duration: 53, description: null },
      { name: 'app', duration: 47.2, description: 'render, a; b' },
      { name: 'cache', duration: null, description: 'hit' },
    ])
  })

  it('keeps the first of repeated parameters and skips malformed metrics without throwing', () => {
    expect(parseServerTiming('a;dur=1;dur=2, ;dur=3, b c;dur=4, d;dur=x')).toEqual([
      { name: 'a', duration: 1, description: null },
      { name: 'd', duration: null, description: null },
    ])
    expect(parseServerTiming(null)).toEqual([])
    expect(parseServerTiming('')).toEqual([])
  })

  it('reads at most a bounded number of metrics', () => {
    const header = Array.from({ length: 100 }, (_, i) => `m${i};dur=${i}`).join(', ')
    expect(parseServerTiming(header)).toHaveLength(MAX_SERVER_TIMING_ENTRIES)
  })

  it('reads no further than a bounded length of a huge header, one long quoted description included', () => {
    const header = `db;dur=5;desc="${'x'.repeat(10 * MAX_SERVER_TIMING_LENGTH)}", late;dur=1`
    // The cut falls inside the description: what comes after it is never read.
    expect(parseServerTiming(header).map((e) => [e.name, e.duration])).toEqual([['db', 5]])
    expect(parseServerTiming(`db;dur=5, pad;desc="${'y'.repeat(MAX_SERVER_TIMING_LENGTH)}"`)[0]).toEqual({
      name: 'db',
      duration: 5,
      description: null,
    })
  })

  it('keeps escaped quotes inside a quoted description, and an unclosed quote runs to the end', () => {
    expect(parseServerTiming('a;desc="x\\"y, z";dur=1, b;dur=2,c;dur=3;desc=\\"q')).toEqual([
      { name: 'a', duration: 1, description: 'x"y, z' },
      { name: 'b', duration: 2, description: null },
      { name: 'c', duration: 3, description: '\\"q' },
    ])
    expect(parseServerTiming('a;dur=1;desc="open, b;dur=2')).toEqual([
      { name: 'a', duration: 1, description: '"open, b;dur=2' },
    ])
    expect(parseServerTiming(' a ; DUR = 7 ;desc, ,b;dur')).toEqual([
      { name: 'a', duration: 7, description: '' },
      { name: 'b', duration: null, description: null },
    ])
  })

  it('reads a quoted duration, and an empty quoted one as none', () => {
    expect(parseServerTiming('a;dur="12.5", b;dur="", c;dur=""7')).toEqual([
      { name: 'a', duration: 12.5, description: null },
      { name: 'b', duration: null, description: null },
      { name: 'c', duration: null, description: null },
    ])
  })

  it('leaves descriptions unread when asked for durations only', () => {
    expect(parseServerTiming('app;desc="a, b";dur=4, perfscope;desc="batch=2"', false)).toEqual([
      { name: 'app', duration: 4, description: null },
      { name: 'perfscope', duration: null, description: null },
    ])
  })

  it('reads a header made of thousands of parameters and quoted strings to the same metrics', () => {
    const noise = Array.from({ length: 400 }, (_, i) => (i % 2 ? `p${i}` : `q${i}="a;b,c"`)).join(';')
    const header = `a;${noise};dur=9, b;desc="x;y";dur=2`
    expect(header.length).toBeLessThan(MAX_SERVER_TIMING_LENGTH)
    expect(parseServerTiming(header)).toEqual([
      { name: 'a', duration: 9, description: null },
      { name: 'b', duration: 2, description: 'x;y' },
    ])
  })
})
