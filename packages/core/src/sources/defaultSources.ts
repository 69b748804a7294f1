import type { Source } from '../source.ts'

/** The sources a monitor starts when none are given, in start order. */
export function defaultSources(): Source[] {
  return []
}
