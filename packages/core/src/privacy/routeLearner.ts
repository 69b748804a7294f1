import { DEFAULT_LEARN_THRESHOLD } from '../features/network/compiledNetworkOptions.ts'
/**
 * Route learning for the ids the placeholder rules miss (names, slugs, an id format nobody foresaw): when one
 * path position under the same prefix has shown {@link DEFAULT_LEARN_THRESHOLD} distinct values, it becomes a
 * parameter, so such values cannot create an endpoint row each. App route templates are never rewritten.
 */

/** What a learned path position is shown as. */
export const LEARNED_PLACEHOLDER = ':param'
/**
 * Distinct values at one position that make it a parameter. Above the number of sibling resources an API
 * usually has under one prefix (`/api/users`, `/api/orders`, …), far below the number of users or documents.
 */
/** Prefixes whose positions are tracked; beyond it new prefixes are not learned (memory stays bounded). */
export const MAX_LEARNED_PREFIXES = 256

/**
 * Path positions past this depth are not learned: real routes are shallower, and a URL of thousands of segments
 * must not cost a prefix lookup per segment.
 */
export const MAX_LEARNED_DEPTH = 12

/** A tracked position: hashes of the distinct values seen so far, or `true` once it is a parameter. */
type Position = Set<number> | true

/**
 * Learns, per monitor, which path positions hold parameters. Values are kept as 32-bit hashes, never as text,
 * and at most `threshold` per prefix: at most {@link MAX_LEARNED_PREFIXES} × threshold numbers in all.
 */
export class RouteLearner {
  private readonly positions = new Map<string, Position>()
  /** Grows each time a position is learned: routes computed before then may now read differently. */
  generation = 0

  constructor(
    readonly threshold = DEFAULT_LEARN_THRESHOLD,
    private readonly templates: ReadonlySet<string> = new Set(),
  ) {}

  /**
   * The route with every learned position replaced by {@link LEARNED_PLACEHOLDER}, learning from its values on
   * the way. `route` is a path (`/api/users/alice`) or an origin and a path (`https://api.test/v1/users/bob`).
   */
  apply(route: string): string {
    if (this.templates.has(route)) return route
    const pathStart = route.charCodeAt(0) === 47 ? 0 : route.indexOf('/', route.indexOf('//') + 2)
    if (pathStart < 0) return route
    const segments = route.slice(pathStart).split('/')
    let prefix = route.slice(0, pathStart)
    let changed = false
    const depth = Math.min(segments.length, MAX_LEARNED_DEPTH + 1)
    for (let i = 1; i < depth; i++) {
      const segment = segments[i]!
      prefix += '/'
      // Placeholders and empty segments carry nothing to learn from.
      if (segment !== '' && segment.charCodeAt(0) !== 58 && this.learned(prefix, segment)) {
        segments[i] = LEARNED_PLACEHOLDER
        changed = true
      }
      prefix += segments[i]
    }
    return changed ? route.slice(0, pathStart) + segments.join('/') : route
  }

  private learned(prefix: string, segment: string): boolean {
    const position = this.positions.get(prefix)
    if (position === true) return true
    const hash = fnv1a(segment)
    if (position === undefined) {
      if (this.positions.size < MAX_LEARNED_PREFIXES) this.positions.set(prefix, new Set([hash]))
      return false
    }
    position.add(hash)
    if (position.size < this.threshold) return false
    this.positions.set(prefix, true)
    this.generation++
    return true
  }
}

/** FNV-1a, 32 bits: enough to tell a few dozen values apart, and it keeps none of their text. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
