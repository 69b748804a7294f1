import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { PendingBuffer } from '../pendingBuffer.ts'
import type { Sample } from '../../../types.ts'

/** The engine's collector, exposed for this test (the flag applies to contexts made after it is set). */
function collector(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

const sample = (i: number): Sample => ({ key: 'http.GET /api/items', t: i, v: i, tags: { status: '200' } })

describe('PendingBuffer', () => {
  it('keeps the newest samples up to its capacity and counts the ones it drops', () => {
    const buffer = new PendingBuffer(3)
    for (let i = 0; i < 5; i++) buffer.push(sample(i))
    expect(buffer.peek(10).map((s) => s.t)).toEqual([2, 3, 4])
    expect(buffer.dropped).toBe(2)
    buffer.take(2)
    expect(buffer.peek(10).map((s) => s.t)).toEqual([4])
  })

  it('lets dropped and taken samples be collected at once, not at its next compaction', async () => {
    const gc = collector()
    const buffer = new PendingBuffer(10)
    const refs: WeakRef<Sample>[] = []
    for (let i = 0; i < 50; i++) {
      const s = sample(i)
      refs.push(new WeakRef(s))
      buffer.push(s)
    }
    buffer.take(4)
    // A WeakRef holds its target until the end of the job that made it.
    await new Promise((r) => setTimeout(r, 0))
    gc()
    const alive = refs.map((r) => r.deref() !== undefined)
    expect(alive.indexOf(true)).toBe(44)
    expect(alive.slice(44).every(Boolean)).toBe(true)
    expect(buffer.size).toBe(6)
  })
})
