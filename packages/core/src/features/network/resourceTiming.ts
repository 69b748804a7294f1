import type { RequestRecord } from './requestRecord.ts'

/**
 * Finished requests waiting for their resource-timing entry; older ones are dropped unmatched. Twice the entries
 * the collector lets wait before it matches them, as a match folds the requests queued meanwhile first.
 */
export const MAX_AWAITING_TIMING = 128
/** A request waits this long for its entry (a slow body can take a while). */
export const TIMING_WAIT_MS = 60_000
/** Clock slack between the interceptor's `now()` and the entry's `startTime`, ms. */
export const START_SLACK_MS = 2
/**
 * Requests from before the monitor started that are taken from the resource-timing buffer, at most, per start.
 * The browser keeps 250 entries unless the app asks for more; this bounds the work when it asked for many more.
 */
export const MAX_BACKFILLED = 500

/** The parts of a resource-timing entry perfscope reads. */
export type TimingEntry = Pick<
  PerformanceResourceTiming,
  | 'name'
  | 'initiatorType'
  | 'startTime'
  | 'domainLookupStart'
  | 'domainLookupEnd'
  | 'connectStart'
  | 'connectEnd'
  | 'requestStart'
  | 'responseStart'
  | 'responseEnd'
  | 'encodedBodySize'
> & {
  serverTiming?: readonly { name: string; duration: number }[]
  /** The HTTP status (Chromium 109+, 0 when not exposed); absent in older browsers. */
  responseStatus?: number
}

/** True for the entry of a fetch or XHR call (the only requests the interceptors see). */
export function isRequestEntry(entry: TimingEntry): boolean {
  return entry.initiatorType === 'fetch' || entry.initiatorType === 'xmlhttprequest'
}

/**
 * Matches `PerformanceResourceTiming` entries to intercepted requests for DNS / connect / TTFB / download
 * detail. Two parallel calls to one URL get distinct entries: each entry goes to the unmatched request with the
 * same URL that started last at or before it, and each request takes one entry (docs/compatibility.md case 12). The page's timing
 * buffer is never cleared: it is the app's, not ours.
 */
export class ResourceTimingMatcher {
  /**
   * In start order (requests end, and are expected, in another order; equal starts keep the order they came in),
   * so a match looks no further than the entry's start: a polling app's entry then meets one or two requests,
   * where comparing it with every request waiting made a heap number of each `start` read before the engine
   * optimised the loop.
   */
  private awaiting: RequestRecord[] = []

  /** Remembers a request that will get an entry (fetch and XHR calls to http(s) URLs). */
  expect(record: RequestRecord): void {
    const awaiting = this.awaiting
    if (awaiting.length >= MAX_AWAITING_TIMING) awaiting.shift()
    let at = awaiting.length
    while (at > 0 && awaiting[at - 1]!.start > record.start) at--
    if (at === awaiting.length) awaiting.push(record)
    else awaiting.splice(at, 0, record)
  }

  /**
   * Matches a batch of entries; calls `apply` for each match. An entry's name and start time are read once: each
   * read of a timing entry's field makes a new string or number.
   */
  match(entries: readonly TimingEntry[], t: number, apply: (record: RequestRecord, entry: TimingEntry) => void): void {
    const awaiting = this.awaiting
    if (awaiting.length === 0) return
    for (let e = 0; e < entries.length; e++) {
      const entry = entries[e]!
      if (!isRequestEntry(entry)) continue
      const name = entry.name
      const latestStart = entry.startTime + START_SLACK_MS
      let best = -1
      let bestStart = -Infinity
      for (let i = 0; i < awaiting.length; i++) {
        const r = awaiting[i]!
        const start = r.start
        // Every later request started after the entry did.
        if (start > latestStart) break
        // The first of the latest-started requests for this URL wins: an equal start needs no compare.
        if (start === bestStart || !sameResource(r.url, name)) continue
        best = i
        bestStart = start
      }
      if (best < 0) continue
      const record = awaiting[best]!
      // Removed in place: `splice` returns an array and destructuring it walks an iterator, per app response.
      awaiting.copyWithin(best, best + 1)
      awaiting.pop()
      apply(record, entry)
    }
    const oldest = t - TIMING_WAIT_MS
    if (awaiting.length > 0 && awaiting[0]!.start < oldest) {
      this.awaiting = awaiting.filter((r) => r.start >= oldest)
    }
  }
}

/** True when a request URL names the entry's resource: the same URL, or it plus a fragment (entries have none). */
function sameResource(url: string, name: string): boolean {
  if (url.length === name.length) return url === name
  return url.length > name.length && url.indexOf('#') === name.length && url.startsWith(name)
}
