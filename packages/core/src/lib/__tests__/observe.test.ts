import { describe, expect, it } from 'vitest'
import { observe } from '../observe.ts'

describe('observe()', () => {
  it('reports an entry type the browser does not list as unsupported instead of throwing', () => {
    const observation = observe('no-such-entry-type', () => {})
    expect(observation.supported).toBe(false)
    expect(() => observation.disconnect()).not.toThrow()
  })
})
