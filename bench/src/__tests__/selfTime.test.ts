import { describe, expect, it } from 'vitest'
import { selfTimes, type CpuProfile } from '../profile/selfTime.ts'

const frame = (functionName: string, url: string, lineNumber: number, columnNumber = 4) => ({
  functionName,
  url,
  lineNumber,
  columnNumber,
})

describe('selfTimes()', () => {
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', '', -1) },
      { id: 2, callFrame: frame('', 'http://h/www/p/p.js', 0, 0) },
      { id: 3, callFrame: frame('add', 'http://h/www/p/p.js', 10) },
      { id: 4, callFrame: frame('add', 'http://h/www/p/p.js', 10) },
      { id: 5, callFrame: frame('(idle)', '', -1) },
    ],
    // Sample i stands for the gap after it (timeDeltas[i + 1]), in µs.
    samples: [3, 4, 2, 5, 3],
    timeDeltas: [0, 1000, 2000, 500, 3000],
  }
  const locate = (_url: string, line: number) => ({ source: 'packages/core/src/x.ts', line: line + 100 })

  it('sums the time after each sample into its node, merging nodes of the same function', () => {
    const rows = selfTimes(profile, locate)
    const add = rows.find((r) => r.functionName === 'add')!
    // Node 3 (1 ms, then the last sample with no gap after it) + node 4 (2 ms).
    expect(add).toEqual({ functionName: 'add', file: 'packages/core/src/x.ts', line: 110, selfMs: 3 })
    expect(rows.find((r) => r.functionName === '(idle)')!.selfMs).toBe(3)
  })

  it('names a script’s top level after the script, not after the first module its map points at', () => {
    const top = selfTimes(profile, locate).find((r) => r.functionName === '(script top level)')!
    expect(top).toEqual({ functionName: '(script top level)', file: 'http://h/www/p/p.js', line: 1, selfMs: 0.5 })
  })

  it('lists the most expensive first', () => {
    expect(selfTimes(profile, locate).map((r) => r.selfMs)).toEqual([3, 3, 0.5])
  })
})
