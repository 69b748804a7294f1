import { createStore, type StoreApi } from 'zustand/vanilla'
import type { MetricName, Snapshot } from '../types.ts'
import { emptySummary } from '../stats/histogram.ts'

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

export function initialSnapshot(filters: Record<MetricName, boolean>, includeInternal = false): Snapshot {
  return {
    running: false,
    startedAt: null,
    filters,
    includeInternal,
    support: {},
    vitals: {},
    navigation: null,
    routes: [],
    longTasks: { count: 0, totalMs: 0, duration: emptySummary() },
    longAnimationFrames: { count: 0, totalMs: 0, duration: emptySummary() },
    layoutShifts: { count: 0, total: 0, largest: null },
    events: { count: 0, totalMs: 0, duration: emptySummary() },
    paint: null,
    frames: null,
    memory: null,
    endpoints: [],
    channels: [],
    transport: null,
    load: null,
    history: null,
    overhead: { totalMs: 0, calls: 0, bySource: {} },
    errors: { count: 0, recent: [] },
    renders: [],
    alerts: [],
    budgets: null,
    quotas: [],
    costs: null,
  }
}

export function createMonitorStore(filters: Record<MetricName, boolean>, includeInternal = false): MonitorStore {
  return createStore<Snapshot>()(() => initialSnapshot(filters, includeInternal))
}
