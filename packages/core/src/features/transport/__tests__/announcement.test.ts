import { describe, expect, it } from 'vitest'
import { formatAnnouncement, parseAnnouncement } from '../announcement.ts'

describe('the batch announcement', () => {
  it('reads back what the server writes', () => {
    const entry = formatAnnouncement({ version: 2, maxHeaderBytes: 16384, maxBeaconBytes: 16384 })
    expect(entry).toBe('perfscope;desc="batch=2 header=16384 beacon=16384"')
    expect(parseAnnouncement(/desc="(.*)"/.exec(entry)![1]!)).toEqual({
      version: 2,
      maxHeaderBytes: 16384,
      maxBeaconBytes: 16384,
    })
  })

  it.each([
    '',
    'batch=2 header=100',
    'batch=x header=1 beacon=1',
    'batch=0 header=1 beacon=1',
    'batch=2 header=-1 beacon=1',
    'x'.repeat(300),
  ])('is not an announcement: %j', (description) => expect(parseAnnouncement(description)).toBeNull())

  it('caps announced limits, so a typo cannot lift the client over its own caps by much', () => {
    expect(parseAnnouncement('batch=2 header=999999999 beacon=999999999')).toEqual({
      version: 2,
      maxHeaderBytes: 1024 * 1024,
      maxBeaconBytes: 1024 * 1024,
    })
  })
})
