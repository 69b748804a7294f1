import { describe, expect, it } from 'vitest'
import { loadIdleCode } from '../loadIdleCode.ts'

describe('loadIdleCode()', () => {
  it('imports the idle chunk once, however many features ask for it', async () => {
    const first = loadIdleCode()
    expect(loadIdleCode()).toBe(first)
    const idleCode = await first
    expect(idleCode.collectorSource).toBeTypeOf('function')
    expect(loadIdleCode()).toBe(first)
  })
})
