/**
 * Equality functions for `usePerformanceMonitor(selector, { equals })`. A selector that builds a new object or
 * array on every snapshot change would re-render its component each time; these say when the new one shows the
 * same thing as the last, so the component keeps the last one and does not render.
 */

/** Two flat records hold the same keys with `Object.is`-equal values. */
export function shallowEqual<T extends object>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false
    if (!Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false
  }
  return true
}

/** Two arrays of the same length whose items are pairwise `same` (by default `Object.is`). */
export function sameItems<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean = Object.is): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (!same(a[i]!, b[i]!)) return false
  return true
}
