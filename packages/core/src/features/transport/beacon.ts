import { BEACON_MAX_BYTES } from './options.ts'
import type { Piggyback } from './piggyback.ts'

/**
 * The final flush: when the page is hidden or unloads, what is still pending goes out once, with
 * `navigator.sendBeacon`, as a `text/plain` body (a simple request: no CORS preflight), and only when the
 * endpoint's origin announced that it takes batches, no larger than the beacon size it announced (and the
 * browser's own limit). `sendBeacon` gives no reply to read, so a beacon counts as `beaconBatches` once the
 * browser queued it, apart from the piggybacked batches a server answered. Returns how many samples went out.
 */
export function flushWithBeacon(piggyback: Piggyback, endpoint: string, pageHref: string): number {
  if (typeof navigator === 'undefined' || typeof navigator.sendBeacon !== 'function') return 0
  let url: URL
  try {
    url = new URL(endpoint, pageHref)
  } catch {
    return 0
  }
  const server = piggyback.announcementOf(url.origin)
  if (!server) return 0
  const batch = piggyback.encode(Math.min(BEACON_MAX_BYTES, server.maxBeaconBytes))
  if (!batch) return 0
  if (!navigator.sendBeacon(url.href, batch.header)) return 0
  piggyback.take(batch)
  piggyback.stats.beaconBatches++
  return batch.count
}
