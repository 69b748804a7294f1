import type { DayRecord } from '../features/history/historyStore.ts'
import { emptySnapshot } from '../createMonitor.ts'
import type { VitalName } from '../types.ts'
import { SHARED_FIELDS, type SharedSnapshot } from './protocol.ts'

/** A snapshot's shared parts with nothing measured yet. */
export function emptySharedSnapshot(): SharedSnapshot {
  const empty = emptySnapshot()
  const shared = {} as Record<keyof SharedSnapshot, unknown>
  for (const field of SHARED_FIELDS) shared[field] = empty[field]
  return shared as SharedSnapshot
}

/**
 * A stored day as the shared parts of a snapshot, so a page can show history with the same views as live data.
 * What a day does not keep (paint, frames, layout shifts, renders…) stays empty.
 */
export function sharedFromDay(day: DayRecord): SharedSnapshot {
  const vitals: SharedSnapshot['vitals'] = {}
  for (const [name, v] of Object.entries(day.vitals) as [VitalName, NonNullable<DayRecord['vitals'][VitalName]>][]) {
    vitals[name] = { ...v, at: 0 }
  }
  return {
    ...emptySharedSnapshot(),
    vitals,
    endpoints: day.endpoints,
    channels: day.channels ?? [],
    routes: day.routes ?? [],
    longTasks: day.longTasks ?? emptySharedSnapshot().longTasks,
    memory: day.memory ?? null,
    overhead: day.overhead ?? emptySharedSnapshot().overhead,
    errors: day.errors ?? emptySharedSnapshot().errors,
    alerts: day.alerts ?? [],
  }
}
