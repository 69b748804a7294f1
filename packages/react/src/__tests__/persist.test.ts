import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_MEMORY, readMemory, writeMemory } from '../overlay/persist.ts'

describe('the overlay memory in localStorage', () => {
  afterEach(() => localStorage.clear())

  it('round-trips the open state, tab, size, toggle offset and corner', () => {
    const memory = {
      open: true,
      tab: 'network',
      width: 800,
      height: 500,
      dx: -20,
      dy: -40,
      corner: 'top-left' as const,
    }
    writeMemory('k', memory)
    expect(readMemory('k')).toEqual(memory)
  })

  it('falls back to the defaults for missing, malformed or mistyped values', () => {
    expect(readMemory('missing')).toEqual(DEFAULT_MEMORY)
    localStorage.setItem('bad', '{not json')
    expect(readMemory('bad')).toEqual(DEFAULT_MEMORY)
    localStorage.setItem(
      'typed',
      JSON.stringify({ open: 'yes', width: 'wide', dx: Infinity, tab: 3, corner: 'middle' }),
    )
    expect(readMemory('typed')).toEqual(DEFAULT_MEMORY)
  })
})
