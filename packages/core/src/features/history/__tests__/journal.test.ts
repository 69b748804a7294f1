import { afterEach, describe, expect, it, vi } from 'vitest'
import { MemoryBackend, type DayRecord } from '../historyStore.ts'
import { foldJournals, JOURNAL_PREFIX, MAX_JOURNAL_CHARS, writeJournal } from '../journal.ts'

function day(generatedAt: string, count: number): DayRecord {
  return {
    schema: 'perfscope-report',
    date: '2026-12-02',
    generatedAt,
    vitals: {},
    endpoints: [{ key: 'GET /api/items', count }],
  } as unknown as DayRecord
}

const entry = (session: string, generatedAt: string, count: number, detail: unknown[] | null = []) => ({
  dayKey: `day:2026-12-02:${session}`,
  day: day(generatedAt, count),
  detailKey: `detail:2026-12-02:${session}`,
  detail,
})

describe('the history journal', () => {
  afterEach(() => localStorage.clear())

  it('folds a journal that is newer than the stored record into the store, and removes it', async () => {
    const backend = new MemoryBackend()
    await backend.set('day:2026-12-02:abc', day('2026-12-02T10:00:00.000Z', 1))
    expect(writeJournal('abc', entry('abc', '2026-12-02T10:00:05.000Z', 4, [{ endpoint: 'GET /api/items' }]))).toBe(
      true,
    )
    expect(await foldJournals(backend, 'current', await backend.keys())).toEqual({
      folded: 1,
      keys: ['day:2026-12-02:abc', 'detail:2026-12-02:abc'],
    })
    expect((backend.map.get('day:2026-12-02:abc') as DayRecord).endpoints[0]!.count).toBe(4)
    expect(backend.map.get('detail:2026-12-02:abc')).toEqual([{ endpoint: 'GET /api/items' }])
    expect(localStorage.getItem(`${JOURNAL_PREFIX}abc`)).toBeNull()
  })

  it('keeps the stored record when the last IndexedDB write finished after the journal', async () => {
    const backend = new MemoryBackend()
    await backend.set('day:2026-12-02:abc', day('2026-12-02T10:00:09.000Z', 5))
    writeJournal('abc', entry('abc', '2026-12-02T10:00:05.000Z', 4))
    expect((await foldJournals(backend, 'current', await backend.keys())).folded).toBe(0)
    expect((backend.map.get('day:2026-12-02:abc') as DayRecord).endpoints[0]!.count).toBe(5)
    expect(localStorage.length).toBe(0)
  })

  it('writes a journal of a day the store does not hold without reading it back first', async () => {
    const backend = new MemoryBackend()
    const read = vi.spyOn(backend, 'get')
    writeJournal('abc', entry('abc', '2026-12-02T10:00:05.000Z', 4))
    expect(await foldJournals(backend, 'current', ['baseline'])).toEqual({
      folded: 1,
      keys: ['baseline', 'day:2026-12-02:abc', 'detail:2026-12-02:abc'],
    })
    expect(read).not.toHaveBeenCalled()
    expect((backend.map.get('day:2026-12-02:abc') as DayRecord).endpoints[0]!.count).toBe(4)
  })

  it("leaves the running session's own journal alone", async () => {
    writeJournal('current', entry('current', '2026-12-02T10:00:05.000Z', 4))
    expect((await foldJournals(new MemoryBackend(), 'current', [])).folded).toBe(0)
    expect(localStorage.getItem(`${JOURNAL_PREFIX}current`)).not.toBeNull()
  })

  it('discards malformed journals and keys that are not a session record of ours', async () => {
    const backend = new MemoryBackend()
    localStorage.setItem(`${JOURNAL_PREFIX}a`, '{not json')
    localStorage.setItem(
      `${JOURNAL_PREFIX}b`,
      JSON.stringify({ ...entry('b', '2026-12-02T10:00:05.000Z', 1), dayKey: 'baseline' }),
    )
    localStorage.setItem(
      `${JOURNAL_PREFIX}c`,
      JSON.stringify({ ...entry('c', '2026-12-02T10:00:05.000Z', 1), day: { garbage: true } }),
    )
    localStorage.setItem(
      `${JOURNAL_PREFIX}d`,
      JSON.stringify({ ...entry('d', '2026-12-02T10:00:05.000Z', 1), detailKey: 'detail:2026-12-02:zzz' }),
    )
    localStorage.setItem('app-owned', 'untouched')
    expect(await foldJournals(backend, 'current', [])).toEqual({ folded: 0, keys: [] })
    expect(backend.map.size).toBe(0)
    expect(localStorage.length).toBe(1)
    expect(localStorage.getItem('app-owned')).toBe('untouched')
  })

  it('journals a record too large with its detail without the detail, and one too large even then not at all', () => {
    const bigDetail = [{ pad: 'x'.repeat(MAX_JOURNAL_CHARS) }]
    expect(writeJournal('abc', entry('abc', '2026-12-02T10:00:05.000Z', 1, bigDetail))).toBe(true)
    expect(JSON.parse(localStorage.getItem(`${JOURNAL_PREFIX}abc`)!).detail).toBeNull()
    const huge = entry('xyz', '2026-12-02T10:00:05.000Z', 1)
    ;(huge.day as unknown as { pad: string }).pad = 'x'.repeat(MAX_JOURNAL_CHARS)
    expect(writeJournal('xyz', huge)).toBe(false)
    expect(localStorage.getItem(`${JOURNAL_PREFIX}xyz`)).toBeNull()
  })
})
