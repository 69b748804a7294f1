import type { MonitorAlert } from '../features/budgets/alerts.ts'
import { mergeEndpoint, mergeSummary } from '../features/history/mergeDays.ts'
import type { ChannelStats, RenderStats, RouteStats, TaskStats, VitalName } from '../types.ts'
import type { SharedSnapshot, SharedTab } from './protocol.ts'

/**
 * Several tabs' data as one snapshot, for a page that shows "all tabs". Counts, rates and totals add up;
 * percentiles are weighted by count (summaries cannot be merged exactly; close enough to compare endpoints);
 * each vital and the memory figures are the worst tab's, since the page is there to find problems; navigation
 * timing is the newest tab's.
 */
export function mergeTabs(tabs: readonly SharedTab[]): SharedSnapshot | null {
  if (tabs.length === 0) return null
  const newest = [...tabs].sort((a, b) => a.receivedAt - b.receivedAt).at(-1)!.snapshot
  const all = tabs.map((t) => t.snapshot)
  const vitals: SharedSnapshot['vitals'] = {}
  for (const s of all) {
    for (const [name, v] of Object.entries(s.vitals) as [
      VitalName,
      NonNullable<SharedSnapshot['vitals'][VitalName]>,
    ][]) {
      const worst = vitals[name]
      if (!worst || v.value > worst.value) vitals[name] = v
    }
  }
  const heaviest = all.reduce<SharedSnapshot['memory']>(
    (worst, s) =>
      s.memory && (!worst || (s.memory.usedJSHeapSize ?? 0) > (worst.usedJSHeapSize ?? 0)) ? s.memory : worst,
    null,
  )
  return {
    vitals,
    navigation: newest.navigation,
    paint: newest.paint,
    routes: byKey(
      all.flatMap((s) => s.routes),
      (r) => r.route,
      mergeRoute,
    ),
    longTasks: sumTasks(all.map((s) => s.longTasks)),
    longAnimationFrames: sumTasks(all.map((s) => s.longAnimationFrames)),
    layoutShifts: {
      count: all.reduce((n, s) => n + s.layoutShifts.count, 0),
      total: all.reduce((n, s) => n + s.layoutShifts.total, 0),
      largest: all.reduce<SharedSnapshot['layoutShifts']['largest']>(
        (max, s) =>
          s.layoutShifts.largest && (!max || s.layoutShifts.largest.value > max.value) ? s.layoutShifts.largest : max,
        null,
      ),
    },
    events: sumTasks(all.map((s) => s.events)),
    frames: all.reduce<SharedSnapshot['frames']>(
      (worst, s) => (s.frames && (!worst || s.frames.fps < worst.fps) ? s.frames : worst),
      null,
    ),
    memory: heaviest,
    endpoints: byKey(
      all.flatMap((s) => s.endpoints),
      (e) => e.key,
      mergeEndpoint,
    ),
    channels: byKey(
      all.flatMap((s) => s.channels),
      (c) => c.key,
      mergeChannel,
    ),
    renders: byKey(
      all.flatMap((s) => s.renders),
      (r) => r.id,
      mergeRender,
    ),
    alerts: byKey(
      all.flatMap((s) => s.alerts),
      (a) => a.id,
      (_, b: MonitorAlert) => b,
    ),
    overhead: {
      totalMs: all.reduce((n, s) => n + s.overhead.totalMs, 0),
      calls: all.reduce((n, s) => n + s.overhead.calls, 0),
      bySource: all.reduce<Record<string, number>>((into, s) => {
        for (const [k, v] of Object.entries(s.overhead.bySource)) into[k] = (into[k] ?? 0) + v
        return into
      }, {}),
    },
    errors: {
      count: all.reduce((n, s) => n + s.errors.count, 0),
      recent: all
        .flatMap((s) => s.errors.recent)
        .sort((a, b) => a.at - b.at)
        .slice(-20),
    },
  }
}

function byKey<T>(items: readonly T[], key: (item: T) => string, merge: (a: T, b: T) => T): T[] {
  const out = new Map<string, T>()
  for (const item of items) {
    const k = key(item)
    const into = out.get(k)
    out.set(k, into ? merge(into, item) : item)
  }
  return [...out.values()]
}

function sumTasks(list: readonly TaskStats[]): TaskStats {
  return list.reduce((a, b) => ({
    count: a.count + b.count,
    totalMs: a.totalMs + b.totalMs,
    duration: mergeSummary(a.duration, b.duration),
  }))
}

function mergeRoute(a: RouteStats, b: RouteStats): RouteStats {
  return {
    route: a.route,
    count: a.count + b.count,
    duration: mergeSummary(a.duration, b.duration),
    lastAt: Math.max(a.lastAt, b.lastAt),
  }
}

function mergeChannel(a: ChannelStats, b: ChannelStats): ChannelStats {
  const closeCodes = { ...a.closeCodes }
  for (const [code, n] of Object.entries(b.closeCodes)) closeCodes[code] = (closeCodes[code] ?? 0) + n
  const worse = a.health === 'failing' || (a.health === 'degraded' && b.health === 'healthy') ? a : b
  return {
    ...b,
    connects: a.connects + b.connects,
    open: a.open + b.open,
    reconnects: a.reconnects + b.reconnects,
    reconnectsLastMinute: a.reconnectsLastMinute + b.reconnectsLastMinute,
    openTime: mergeSummary(a.openTime, b.openTime),
    messagesIn: a.messagesIn + b.messagesIn,
    messagesOut: a.messagesOut + b.messagesOut,
    bytesIn: a.bytesIn + b.bytesIn,
    bytesOut: a.bytesOut + b.bytesOut,
    errors: a.errors + b.errors,
    closeCodes,
    roundTrip: mergeSummary(a.roundTrip, b.roundTrip),
    health: worse.health,
    healthReason: worse.healthReason,
  }
}

function mergeRender(a: RenderStats, b: RenderStats): RenderStats {
  return {
    ...b,
    mounts: a.mounts + b.mounts,
    updates: a.updates + b.updates,
    totalMs: a.totalMs + b.totalMs,
    mount: mergeSummary(a.mount, b.mount),
    update: mergeSummary(a.update, b.update),
  }
}
