import type { Kernel } from './kernel.ts'
import type { Source } from './source.ts'
import type { Snapshot } from '../types.ts'

/**
 * How a feature plugs into a monitor: the kernel knows no feature, and a feature knows the kernel only through
 * this descriptor. `create` runs once per monitor, synchronously, so it must stay small: the feature's own code
 * arrives by dynamic import when a source starts or an API method is first called.
 */
export interface Feature<Options, Api> {
  /** The feature's name: its option key (`createMonitor({ budgets })`) and its namespace (`monitor.budgets`). */
  readonly name: string
  /** Checks this feature's option (throws a `PerfscopeOptionError` naming it) and returns it resolved. */
  resolveOptions(value: unknown): Options
  /** True when its sources collect from the page; `createMonitor({ sources })` replaces those with its own. */
  readonly collects: boolean
  /** The feature's part of the snapshot before it has anything to show. */
  readonly slice: Partial<Snapshot>
  /**
   * Builds the feature for one monitor: the sources the monitor starts, and the API it exposes. `installed` holds
   * the APIs of the features created before it, by name, for a feature that builds on another (history saves
   * export's report).
   */
  create(
    kernel: Kernel,
    options: Options,
    installed: Readonly<Record<string, unknown>>,
  ): { sources: readonly Source[]; api: Api }
}
