import { globToRegExp } from '../../lib/glob.ts'

/**
 * An endpoint pattern of a live budget, quota or price: an exact key (`GET /api/items`) or a glob on the key where
 * `*` stands for any text (`GET /api/*`, `* https://api.example.com/*`).
 */
export interface EndpointPattern {
  source: string
  /** Exact keys outrank globs; among globs the longer (more specific) pattern wins. */
  specificity: number
  matches(key: string): boolean
}

export function compilePattern(source: string): EndpointPattern {
  if (!source.includes('*')) return { source, specificity: Number.MAX_SAFE_INTEGER, matches: (key) => key === source }
  const regex = globToRegExp(source)
  return { source, specificity: source.replace(/\*/g, '').length, matches: (key) => regex.test(key) }
}

/** The most specific pattern matching `key`, or null. */
export function bestMatch<T extends { pattern: EndpointPattern }>(entries: readonly T[], key: string): T | null {
  let best: T | null = null
  for (const entry of entries) {
    if (entry.pattern.matches(key) && (!best || entry.pattern.specificity > best.pattern.specificity)) best = entry
  }
  return best
}
