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
