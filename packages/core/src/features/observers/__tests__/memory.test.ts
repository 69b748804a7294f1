import { describe, expect, it } from 'vitest'
import { leakSuspected } from '../memory.ts'

const MB = 1024 * 1024

describe('leakSuspected()', () => {
  it('flags a heap floor that rises in every window', () => {
    // A sawtooth whose low points climb 5 MB per cycle: garbage collection never gets back down.
    const samples = Array.from({ length: 60 }, (_, i) => 50 * MB + Math.floor(i / 6) * 5 * MB + (i % 6) * 2 * MB)
    expect(leakSuspected(samples)).toBe(true)
  })

  it('does not flag a sawtooth that returns to its floor', () => {
    const samples = Array.from({ length: 60 }, (_, i) => 50 * MB + (i % 6) * 8 * MB)
    expect(leakSuspected(samples)).toBe(false)
  })

  it('does not flag growth below the threshold or too few samples', () => {
    expect(leakSuspected(Array.from({ length: 60 }, (_, i) => 100 * MB + i * 1024))).toBe(false)
    expect(leakSuspected([1, 2, 3, 4, 5, 6])).toBe(false)
  })
})
