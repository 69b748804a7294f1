import { BEACON_MAX_BYTES } from './options.ts'
import type { Piggyback } from './piggyback.ts'

/**
 * The final flush: when the page is hidden or unloads, what is still pending goes out once, with
 * `navigator.sendBeacon`, as a `text/plain` body (a simple request: no CORS preflight). Returns how many
 * samples went out.
 */
export function flushWithBeacon(piggyback: Piggyback, endpoint: string): number {
  if (typeof navigator === 'undefined' || typeof navigator.sendBeacon !== 'function') return 0
  const batch = piggyback.encode(BEACON_MAX_BYTES)
  if (!batch) return 0
  if (!navigator.sendBeacon(endpoint, batch.header)) return 0
  piggyback.commit(batch)
  return batch.count
}
