import { afterEach, describe, expect, it, vi } from 'vitest'
import { whenIdle } from '../whenIdle.ts'

/** A stand-in for the browser's idle callbacks, run when the test says. */
function idleCallbacks() {
  const pending = new Map<number, () => void>()
  let next = 1
  vi.stubGlobal(
    'requestIdleCallback',
    vi.fn((fn: () => void) => {
      pending.set(next, fn)
      return next++
    }),
  )
  vi.stubGlobal(
    'cancelIdleCallback',
    vi.fn((id: number) => pending.delete(id)),
  )
  return {
    pending: () => pending.size,
    runAll() {
      const due = [...pending.values()]
      pending.clear()
      for (const fn of due) fn()
    },
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('whenIdle()', () => {
  it('runs every callback asked for before the idle moment from one browser callback, in order', () => {
    const idle = idleCallbacks()
    const ran: string[] = []
    whenIdle(() => ran.push('budgets'))
    whenIdle(() => ran.push('transport'))
    whenIdle(() => ran.push('history'))
    expect(idle.pending()).toBe(1)
    idle.runAll()
    expect(ran).toEqual(['budgets', 'transport', 'history'])
  })

  it('asks again for a callback requested while the shared one runs', () => {
    const idle = idleCallbacks()
    const ran: string[] = []
    whenIdle(() => {
      ran.push('first')
      whenIdle(() => ran.push('again'))
    })
    idle.runAll()
    expect(ran).toEqual(['first'])
    expect(idle.pending()).toBe(1)
    idle.runAll()
    expect(ran).toEqual(['first', 'again'])
  })

  it('skips a cancelled callback, and gives the browser callback back once none waits', () => {
    const idle = idleCallbacks()
    const ran: string[] = []
    const cancelA = whenIdle(() => ran.push('a'))
    const cancelB = whenIdle(() => ran.push('b'))
    cancelA()
    expect(idle.pending()).toBe(1)
    cancelB()
    expect(idle.pending()).toBe(0)
    whenIdle(() => ran.push('c'))
    idle.runAll()
    expect(ran).toEqual(['c'])
  })

  it('still runs the callbacks after one that throws, and lets the error surface as its own would', () => {
    const idle = idleCallbacks()
    const surfaced: unknown[] = []
    vi.stubGlobal('queueMicrotask', (fn: () => void) => {
      try {
        fn()
      } catch (error) {
        surfaced.push(error)
      }
    })
    const ran: string[] = []
    whenIdle(() => {
      throw new Error('boom')
    })
    whenIdle(() => ran.push('after'))
    idle.runAll()
    expect(ran).toEqual(['after'])
    expect(surfaced).toEqual([new Error('boom')])
  })
})
