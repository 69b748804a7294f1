import type { EndpointStats } from '@perfscope/core'

/** A GET endpoint the Load tab can replay. */
export interface LoadTarget {
  key: string
  url: string
  /** How often the app called it (the replay's weight). */
  count: number
  crossOrigin: boolean
}

/** The most endpoints listed to pick from (the busiest); a path can always be typed in. */
export const MAX_LISTED_TARGETS = 12

/**
 * The GET endpoints a run can replay, busiest first: same-origin ones, and other origins the app listed in
 * `load.allowOrigins` (the simulator refuses any other, so they are not offered). `skipped` counts the GET
 * endpoints of other origins left out. An endpoint without a recorded URL is replayed by its route when the route
 * has no placeholder (`GET /api/items`, not `GET /api/items/:id`).
 */
export function loadTargets(
  endpoints: readonly EndpointStats[],
  pageOrigin: string,
  allowOrigins: readonly string[],
): { targets: LoadTarget[]; skipped: number } {
  const targets: LoadTarget[] = []
  let skipped = 0
  for (const e of endpoints) {
    if (!e.key.startsWith('GET ')) continue
    const route = e.key.slice(4)
    const raw = e.lastUrl ?? (route.includes('/:') ? null : route)
    if (!raw) continue
    let url: URL
    try {
      url = new URL(raw, pageOrigin)
    } catch {
      continue
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue
    const crossOrigin = url.origin !== pageOrigin
    if (crossOrigin && !allowOrigins.includes(url.origin)) {
      skipped++
      continue
    }
    targets.push({ key: e.key, url: url.href, count: e.count, crossOrigin })
  }
  targets.sort((a, b) => b.count - a.count)
  return { targets, skipped }
}
