import { describe, expect, it } from 'vitest'
import { AlertBook, MAX_ENDED_ALERTS, type Breach } from '../alerts.ts'

const slow: Breach = {
  metric: 'GET /api/items',
  level: 'warning',
  message: 'GET /api/items breaks p(95)<=100',
  value: 150,
}

describe('AlertBook', () => {
  it('starts an alert on the first breach, keeps it while breached, and ends it on recovery', () => {
    const book = new AlertBook()
    expect(book.update([slow], 1000)).toBe(true)
    const [started] = book.list()
    expect(started).toMatchObject({
      metric: 'GET /api/items',
      level: 'warning',
      startedAt: 1000,
      endedAt: null,
      acknowledged: false,
    })
    expect(book.update([slow], 2000)).toBe(false)
    expect(book.update([], 3000)).toBe(true)
    expect(book.list()).toEqual([{ ...started, endedAt: 3000 }])
  })

  it('keeps an acknowledgement while the alert stays active, also when it escalates', () => {
    const book = new AlertBook()
    book.update([slow], 1000)
    const id = book.list()[0]!.id
    expect(book.acknowledge(id)).toBe(true)
    book.update([{ ...slow, level: 'critical', message: 'GET /api/items breaks p(95)<=200', value: 300 }], 2000)
    expect(book.list()[0]).toMatchObject({ id, level: 'critical', acknowledged: true, startedAt: 1000 })
    expect(book.acknowledge('unknown')).toBe(false)
  })

  it('makes a re-breach after recovery a new, unacknowledged alert', () => {
    const book = new AlertBook()
    book.update([slow], 1000)
    const first = book.list()[0]!.id
    book.acknowledge(first)
    book.update([], 2000)
    book.update([slow], 3000)
    const [active, ended] = book.list()
    expect(active).toMatchObject({ startedAt: 3000, endedAt: null, acknowledged: false })
    expect(active!.id).not.toBe(first)
    expect(ended).toMatchObject({ id: first, endedAt: 2000, acknowledged: true })
  })

  it('lists critical before warning and bounds the ended alerts', () => {
    const book = new AlertBook()
    for (let i = 0; i < MAX_ENDED_ALERTS + 10; i++) {
      book.update([{ ...slow, metric: `m${i}` }], i)
      book.update([], i + 0.5)
    }
    book.update([slow, { ...slow, metric: 'vital.LCP', level: 'critical' }], 100)
    const list = book.list()
    expect(list.slice(0, 2).map((a) => a.level)).toEqual(['critical', 'warning'])
    expect(list.filter((a) => a.endedAt !== null)).toHaveLength(MAX_ENDED_ALERTS)
  })
})
