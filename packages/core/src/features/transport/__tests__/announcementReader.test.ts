import { describe, expect, it } from 'vitest'
import type { Announcement } from '../announcement.ts'
import { ANNOUNCEMENT_REREAD_MS, AnnouncementReader, type AnnouncingEntry } from '../announcementReader.ts'

const PAGE = 'https://app.test'

/** A sink that keeps the page's origin only, and counts what it was told. */
function sink() {
  const kept = new Map<string, Announcement>()
  const told: string[] = []
  return {
    kept,
    told,
    announce(origin: string, announcement: Announcement) {
      told.push(origin)
      if (origin === PAGE) kept.set(origin, announcement)
    },
    announcementOf: (origin: string) => kept.get(origin),
  }
}

/** A resource entry whose `serverTiming` getter counts its reads, as the browser builds the list on each one. */
function entry(url: string, header: number, reads: { count: number }): AnnouncingEntry {
  const description = `batch=2 header=${header} beacon=16384`
  return {
    name: url,
    startTime: 0,
    get serverTiming() {
      reads.count++
      return [{ name: 'perfscope', description }]
    },
  }
}

describe('AnnouncementReader', () => {
  it('hands an origin its announcement, then leaves its responses unread until the re-read interval has passed', () => {
    const to = sink()
    const reader = new AnnouncementReader(to)
    const reads = { count: 0 }
    reader.read([entry(`${PAGE}/api/poll`, 8192, reads)], 0)
    expect(to.kept.get(PAGE)?.maxHeaderBytes).toBe(8192)
    for (let t = 50; t < ANNOUNCEMENT_REREAD_MS; t += 50) reader.read([entry(`${PAGE}/api/poll`, 4096, reads)], t)
    expect(reads.count).toBe(1)
    expect(to.kept.get(PAGE)?.maxHeaderBytes).toBe(8192)
    // A server restarted with other limits is heard once the interval has passed.
    reader.read([entry(`${PAGE}/api/poll`, 4096, reads)], ANNOUNCEMENT_REREAD_MS)
    expect(reads.count).toBe(2)
    expect(to.kept.get(PAGE)?.maxHeaderBytes).toBe(4096)
  })

  it('says until when an origin it heard is fresh, and that one the sink does not keep never is', () => {
    const to = sink()
    const reader = new AnnouncementReader(to)
    const reads = { count: 0 }
    expect(reader.freshUntil(PAGE)).toBe(-Infinity)
    reader.read([entry(`${PAGE}/api/poll`, 8192, reads), entry('https://other.test/api', 8192, reads)], 500)
    expect(reader.freshUntil(PAGE)).toBe(500 + ANNOUNCEMENT_REREAD_MS)
    expect(reader.freshUntil('https://other.test')).toBe(-Infinity)
  })

  it('skips entries of requests started while the sole origin is fresh, and reads the first one after', () => {
    const to = sink()
    const reader = new AnnouncementReader(to, PAGE)
    const reads = { count: 0 }
    const at = (startTime: number, url = `${PAGE}/api/poll`) => ({ ...entry(url, 8192, reads), startTime })
    expect(reader.skips([at(0)])).toBe(false)
    reader.read([at(0)], 100)
    expect(reader.skips([at(5_000), at(100 + ANNOUNCEMENT_REREAD_MS - 1)])).toBe(true)
    // Whatever their origin: no other origin may receive batches.
    expect(reader.skips([at(200, 'https://other.test/x')])).toBe(true)
    expect(reader.skips([at(100 + ANNOUNCEMENT_REREAD_MS)])).toBe(false)
    expect(reader.skips([])).toBe(false)
  })

  it('skips nothing without a sole origin', () => {
    const reader = new AnnouncementReader(sink())
    const reads = { count: 0 }
    reader.read([entry(`${PAGE}/api/poll`, 8192, reads)], 0)
    expect(reader.skips([entry(`${PAGE}/api/poll`, 8192, reads)])).toBe(false)
  })

  it('keeps reading origins the sink does not keep, and never takes a longer origin for a known one', () => {
    const to = sink()
    const reader = new AnnouncementReader(to)
    const reads = { count: 0 }
    reader.read([entry(`${PAGE}/a`, 8192, reads)], 0)
    reader.read([entry('https://cdn.test/x', 8192, reads), entry('https://cdn.test/y', 8192, reads)], 10)
    reader.read([entry(`${PAGE}.evil.test/z`, 8192, reads), entry(`${PAGE}:8443/z`, 8192, reads)], 20)
    expect(reads.count).toBe(5)
    expect(to.told).toEqual([PAGE, 'https://cdn.test', 'https://cdn.test', `${PAGE}.evil.test`, `${PAGE}:8443`])
  })
})
