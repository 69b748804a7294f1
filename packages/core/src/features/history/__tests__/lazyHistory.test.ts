import { describe, expect, it, vi } from 'vitest'
import { kernelContext } from '../../../kernel/__tests__/kernelContext.ts'
import { createLazyHistory } from '../lazyHistory.ts'

// The idle chunk with history's code cannot be fetched (the dev server went away, a deploy replaced it).
vi.mock('../../idleCode.ts', () => {
  throw new Error('Failed to fetch dynamically imported module')
})

describe('createLazyHistory()', () => {
  it('answers as if history were empty when its chunk cannot load, and counts the error instead of throwing', async () => {
    const context = kernelContext()
    const guard = context.guard
    const { history, source } = createLazyHistory(context, {} as never, {})
    const stop = source.start(context)
    await expect(history.days()).resolves.toEqual([])
    await expect(history.runs()).resolves.toEqual([])
    await expect(history.save()).resolves.toBeUndefined()
    await expect(history.pin('2026-12-01')).rejects.toThrow(/history: its code could not be loaded/)
    stop()
    expect(guard.errorCount).toBeGreaterThanOrEqual(4)
    expect(guard.recentErrors[0]?.source).toBe('history')
  })
})
