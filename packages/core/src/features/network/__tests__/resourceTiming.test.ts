import { describe, expect, it } from 'vitest'
import { ResourceTimingMatcher, START_SLACK_MS, TIMING_WAIT_MS, type TimingEntry } from '../resourceTiming.ts'
import { newRequestRecord, type RequestRecord } from '../requestRecord.ts'

const request = (url: string, start: number): RequestRecord =>
  newRequestRecord('fetch', 'GET', { href: url, sameOrigin: true, http: true }, start, false, true)

const entry = (name: string, startTime: number): TimingEntry => ({
  name,
  initiatorType: 'fetch',
  startTime,
  domainLookupStart: startTime,
  domainLookupEnd: startTime,
  connectStart: startTime,
  connectEnd: startTime,
  requestStart: startTime,
  responseStart: startTime + 1,
  responseEnd: startTime + 2,
  encodedBodySize: 0,
})

function waitingFor(...records: RequestRecord[]): ResourceTimingMatcher {
  const matcher = new ResourceTimingMatcher()
  for (const record of records) matcher.expect(record)
  return matcher
}

function matched(matcher: ResourceTimingMatcher, entries: TimingEntry[], t = 0): [RequestRecord, TimingEntry][] {
  const pairs: [RequestRecord, TimingEntry][] = []
  matcher.match(entries, t, (record, timing) => pairs.push([record, timing]))
  return pairs
}

describe('ResourceTimingMatcher', () => {
  it('gives each entry the request to its URL that started last at or before it, and each request one entry', () => {
    const first = request('https://app.test/api/items', 10)
    const second = request('https://app.test/api/items', 20)
    const matcher = waitingFor(second, request('https://app.test/api/other', 25), first)
    const early = entry('https://app.test/api/items', 10)
    const late = entry('https://app.test/api/items', 20)
    const pairs = matched(matcher, [late, early])
    expect(pairs).toEqual([
      [second, late],
      [first, early],
    ])
    expect(matched(matcher, [entry('https://app.test/api/items', 30)])).toEqual([])
  })

  it('takes the first of requests that started at the same moment, and allows the clock slack', () => {
    const a = request('https://app.test/a', 5 + START_SLACK_MS)
    const matcher = waitingFor(a, request('https://app.test/a', 5 + START_SLACK_MS))
    const pairs = matched(matcher, [entry('https://app.test/a', 5)])
    expect(pairs).toHaveLength(1)
    // The two records are alike in every field: only identity tells which one was taken.
    expect(pairs[0]![0]).toBe(a)
  })

  it('matches a request whose URL has a fragment, and never one whose URL only begins with the entry’s', () => {
    const fragment = request('https://app.test/a#top', 2)
    const matcher = waitingFor(request('https://app.test/a/b', 1), fragment, request('https://app.test/a?x=1', 3))
    const timing = entry('https://app.test/a', 3)
    expect(matched(matcher, [timing])).toEqual([[fragment, timing]])
  })

  it('leaves entries of other kinds alone, and drops requests that waited too long for theirs', () => {
    const matcher = waitingFor(request('https://app.test/a', 0))
    expect(matched(matcher, [{ ...entry('https://app.test/a', 0), initiatorType: 'img' }])).toEqual([])
    expect(matched(matcher, [], TIMING_WAIT_MS + 1)).toEqual([])
    expect(matched(matcher, [entry('https://app.test/a', 0)], TIMING_WAIT_MS + 1)).toEqual([])
  })
})
