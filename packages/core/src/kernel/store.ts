import { createStore, type StoreApi } from 'zustand/vanilla'
import type { MetricName, Snapshot } from '../types.ts'

/** Every metric, in the order the overlay lists them. */
export const METRIC_NAMES: readonly MetricName[] = [
  'vitals',
  'navigation',
  'paint',
  'longTasks',
  'longAnimationFrames',
  'layoutShifts',
  'events',
  'routes',
  'memory',
  'frames',
  'network',
  'renders',
]

/** A zustand vanilla store holding a monitor's live {@link Snapshot}. */
export type MonitorStore = StoreApi<Snapshot>

/**
 * The state before anything is measured: the kernel's own fields, then every feature's slice. A feature that is
 * not installed leaves its fields out, so a monitor always installs every feature (`createMonitor` does).
 */
export function initialSnapshot(
  filters: Record<MetricName, boolean>,
  includeInternal: boolean,
  slices: Partial<Snapshot>,
): Snapshot {
  return {
    running: false,
    startedAt: null,
    filters,
    includeInternal,
    support: {},
    overhead: { totalMs: 0, calls: 0, bySource: {} },
    errors: { count: 0, recent: [] },
    ...slices,
  } as Snapshot
}

export function createMonitorStore(
  filters: Record<MetricName, boolean>,
  includeInternal: boolean,
  slices: Partial<Snapshot>,
): MonitorStore {
  return createStore<Snapshot>()(() => initialSnapshot(filters, includeInternal, slices))
}
