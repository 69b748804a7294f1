import type { Source } from '../source.ts'
import type { MonitorOptions } from '../options.ts'
import { networkSource } from '../network/networkSource.ts'

/** The sources a monitor starts when none are given, in start order. */
export function defaultSources(options: MonitorOptions = {}): Source[] {
  return [networkSource(options.network)]
}
