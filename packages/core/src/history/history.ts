import { compareReports, type Regression } from '../budgets/evaluate.ts'
import type { LoggedRequest, PerfReport } from '../export/report.ts'
import { IdleTask } from '../lib/idleTask.ts'
import type { MonitorContext, Source } from '../source.ts'
import { isDayRecord, MemoryBackend, openHistoryBackend, type DayRecord, type HistoryBackend, type HistoryStatus } from './historyStore.ts'
import { mergeDays } from './mergeDays.ts'
import { dayOf, expiredKeys } from './retention.ts'

/** `snapshot().history`: where history is kept and what was skipped. */
export interface HistoryState {
  status: HistoryStatus | 'starting'
  /** Why history is in memory only (the IndexedDB error), or null. */
  reason: string | null
  days: number
  /** Stored records that were unreadable and skipped. */
  skipped: number
  baseline: string | null
}

/** `monitor.history`: daily summaries in IndexedDB (6 months), request detail (30 days), a baseline to compare with. */
export interface History {
  /** Writes today's summary now (it is also written when idle after changes and when the page is hidden). */
  save(): Promise<void>
  /** Stored days, oldest first; unreadable records are skipped and counted in `snapshot().history.skipped`. */
  days(): Promise<DayRecord[]>
  /** The request log kept for a day (30 days). */
  detail(date: string): Promise<LoggedRequest[]>
  /** Pins a stored day as the baseline. */
  pin(date: string): Promise<void>
  /** Regressions of a day (default: today) against the pinned baseline: p95/p99 +10 %, throughput −10 %, a vital's rating dropped. */
  compare(date?: string): Promise<Regression[]>
  /** Deletes everything perfscope stored. */
  clear(): Promise<void>
}

export interface HistoryOptions {
  /** Keep history at all (default true). */
  enabled?: boolean
  /** The clock retention and day boundaries use, epoch ms (default `Date.now`); tests move it. */
  now?: () => number
}

/** Idle writes after changes happen at most this often; hiding the page writes at once. */
const MIN_WRITE_INTERVAL_MS = 30_000
const BASELINE_KEY = 'baseline'

export function createHistory(
  context: MonitorContext,
  report: () => PerfReport,
  options: HistoryOptions,
): { history: History; source: Source } {
  const now = options.now ?? Date.now
  let backend: HistoryBackend = new MemoryBackend()
  let ready: Promise<void> = Promise.resolve()
  let lastWrite = -Infinity
  let skipped = 0
  let baseline: string | null = null
  // Each page load writes its own record for the day; reading merges them, so a reload never overwrites a day.
  const session = Math.random().toString(36).slice(2, 10)
  const state = (patch: Partial<HistoryState>) => {
    const previous = context.read().history ?? { status: 'starting', reason: null, days: 0, skipped: 0, baseline: null }
    context.publish({ history: { ...previous, ...patch } })
  }
  /** History work never rejects into the app: a failure is reported and counted. */
  const safely = async <T>(what: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await what()
    } catch (error) {
      context.guard.report('history', error)
      return fallback
    }
  }

  const write = async () => {
    await ready
    lastWrite = performance.now()
    const { requests, ...summary } = report()
    const date = dayOf(now())
    const day: DayRecord = { ...summary, generatedAt: new Date(now()).toISOString(), date }
    try {
      await backend.set(`day:${date}:${session}`, day)
      await backend.set(`detail:${date}:${session}`, requests)
    } catch (error) {
      // Quota exceeded or the connection went away: keep going in memory, with what we had (pitfall 30).
      const memory = new MemoryBackend()
      for (const key of await backend.keys().catch(() => [] as string[])) memory.map.set(key, await backend.get(key).catch(() => undefined))
      memory.map.set(`day:${date}:${session}`, day)
      memory.map.set(`detail:${date}:${session}`, requests)
      backend = memory
      state({ status: 'memory', reason: error instanceof Error ? error.message : String(error) })
    }
    state({ days: countDays(await backend.keys()) })
  }

  const records = async (prefix: string): Promise<DayRecord[]> => {
    const out: DayRecord[] = []
    for (const key of (await backend.keys()).filter((k) => k.startsWith(prefix)).sort()) {
      const value = await backend.get(key)
      if (isDayRecord(value)) out.push(value)
      else {
        skipped++
        state({ skipped })
      }
    }
    return out
  }

  const days = async (): Promise<DayRecord[]> => {
    await ready
    const byDate = new Map<string, DayRecord[]>()
    for (const record of await records('day:')) byDate.set(record.date, [...(byDate.get(record.date) ?? []), record])
    return [...byDate.keys()].sort().map((date) => mergeDays(byDate.get(date)!))
  }

  const day = async (date: string): Promise<DayRecord | null> => {
    const found = await records(`day:${date}:`)
    return found.length ? mergeDays(found) : null
  }

  const history: History = {
    save: () => safely(write, undefined),
    days: () => safely(days, []),
    detail: (date) =>
      safely(async () => {
        await ready
        const out: LoggedRequest[] = []
        for (const key of (await backend.keys()).filter((k) => k.startsWith(`detail:${date}:`))) {
          const value = await backend.get(key)
          if (Array.isArray(value)) out.push(...(value as LoggedRequest[]))
        }
        return out.sort((a, b) => a.startedAt - b.startedAt)
      }, []),
    async pin(date) {
      await ready
      if (!(await day(date))) throw new RangeError(`perfscope history: no stored day ${date} to pin`)
      await backend.set(BASELINE_KEY, date)
      baseline = date
      state({ baseline })
    },
    async compare(date = dayOf(now())) {
      await ready
      if (!baseline) return []
      const [then, current] = await Promise.all([day(baseline), day(date)])
      if (!then || !current) return []
      return compareReports({ ...then, requests: [] }, { ...current, requests: [] })
    },
    clear: () =>
      safely(async () => {
        await ready
        for (const key of await backend.keys()) await backend.del(key)
        baseline = null
        state({ days: 0, baseline: null })
      }, undefined),
  }

  const source: Source = {
    name: 'history',
    metric: null,
    start() {
      state({ status: 'starting' })
      ready = (async () => {
        const opened = await openHistoryBackend()
        backend = opened.backend
        const stored = await backend.keys().catch(() => [] as string[])
        for (const key of expiredKeys(stored, now())) await backend.del(key).catch(() => {})
        const pinned = await backend.get(BASELINE_KEY).catch(() => undefined)
        baseline = typeof pinned === 'string' ? pinned : null
        state({ status: opened.status, reason: opened.reason, baseline, days: countDays(await backend.keys()) })
      })().catch((error: unknown) => context.guard.report('history', error))
      const idleWrite = new IdleTask(() => {
        if (performance.now() - lastWrite >= MIN_WRITE_INTERVAL_MS) void history.save()
      })
      const offSample = context.onSample(() => idleWrite.schedule())
      const onHidden = () => {
        if (document.visibilityState === 'hidden') void history.save()
      }
      const onPageHide = () => void history.save()
      document.addEventListener('visibilitychange', onHidden)
      window.addEventListener('pagehide', onPageHide)
      return () => {
        offSample()
        idleWrite.dispose()
        document.removeEventListener('visibilitychange', onHidden)
        window.removeEventListener('pagehide', onPageHide)
        void history.save()
      }
    },
  }
  return { history, source }
}

function countDays(keys: readonly string[]): number {
  return new Set(keys.filter((k) => k.startsWith('day:')).map((k) => k.slice(4, 14))).size
}
