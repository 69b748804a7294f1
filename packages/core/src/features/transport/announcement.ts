/**
 * The server's announcement that it takes batches: one `Server-Timing` entry on its responses,
 * `perfscope;desc="batch=2 header=16384 beacon=16384"` (the newest wire version it decodes, the largest batch
 * header and beacon body it takes, in bytes). The page reads it from resource and navigation timing
 * (`PerformanceResourceTiming.serverTiming`), which browsers expose for same-origin responses and, with
 * `Timing-Allow-Origin`, for cross-origin ones. Shared by the client and `@perfscope/server`.
 */
export interface Announcement {
  version: number
  maxHeaderBytes: number
  maxBeaconBytes: number
}

/** The `Server-Timing` metric name that carries the announcement. */
export const ANNOUNCEMENT_NAME = 'perfscope'
/** Limits above this are read as this: no server needs more, and a typo must not lift the client's own caps. */
const MAX_ANNOUNCED_BYTES = 1024 * 1024

/** The `Server-Timing` entry for `announcement`. */
export function formatAnnouncement(announcement: Announcement): string {
  const { version, maxHeaderBytes, maxBeaconBytes } = announcement
  return `${ANNOUNCEMENT_NAME};desc="batch=${version} header=${maxHeaderBytes} beacon=${maxBeaconBytes}"`
}

/** Reads an announcement's description; null when it is not one (a field missing or not a whole number). */
export function parseAnnouncement(description: string): Announcement | null {
  if (description.length > 200) return null
  const fields = new Map<string, number>()
  for (const part of description.split(' ')) {
    const match = /^(batch|header|beacon)=(\d{1,9})$/.exec(part)
    if (match) fields.set(match[1]!, Number(match[2]))
  }
  const version = fields.get('batch')
  const header = fields.get('header')
  const beacon = fields.get('beacon')
  if (version === undefined || header === undefined || beacon === undefined || version === 0) return null
  return {
    version,
    maxHeaderBytes: Math.min(header, MAX_ANNOUNCED_BYTES),
    maxBeaconBytes: Math.min(beacon, MAX_ANNOUNCED_BYTES),
  }
}
