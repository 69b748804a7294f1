import { compareReports, type Regression } from '../budgets/evaluate.ts'
import type { ReportInput } from '../export/report.ts'
import { buildReport, type LoggedRequest } from '../export/report.ts'
import { IdleTask } from '../../lib/idleTask.ts'
import { now } from '../../lib/now.ts'
import type { LoadRunResult } from '../load/runTypes.ts'
import type { MonitorContext, Source } from '../../kernel/source.ts'
import { isDayRecord, MemoryBackend, openHistoryBackend, type DayRecord, type HistoryBackend } from './historyStore.ts'
import { foldJournals, removeJournal, writeJournal } from './journal.ts'
import { announceCleared, onClearedElsewhere } from './clearedElsewhere.ts'
import { isLoadRun, MAX_STORED_RUNS, runKey, runKeyOf, runKeys, runKeysOverLimit } from './loadRuns.ts'
import { mergeDays } from './mergeDays.ts'
import { dayOf, DETAIL_RETENTION_DAYS, expiredKeys, SUMMARY_RETENTION_DAYS } from './retention.ts'
import type { HistoryState } from '../../types.ts'
export type { HistoryState }

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
  /** Stored load runs (the last 50, 6 months at most), oldest first; each finished run is stored once when it lands. */
  runs(): Promise<LoadRunResult[]>
  /** Pins a stored load run as the load baseline, beside the pinned day. */
  pinRun(runId: string): Promise<void>
  /** Regressions of a stored run (default: the latest) against the pinned run, with the same rules as `compare()`. */
  compareRun(runId?: string): Promise<Regression[]>
  /** Deletes everything perfscope stored. */
  clear(): Promise<void>
}

export interface HistoryOptions {
  /** Keep history at all (default true). */
  enabled?: boolean
  /** The clock retention and day boundaries use, epoch ms (default `Date.now`); tests move it. */
  now?: () => number
}

/**
 * Idle writes after changes happen at most this often: a change that comes sooner is written once the interval
 * has passed (deferred, never dropped). Hiding or leaving the page writes at once.
 */
export const MIN_WRITE_INTERVAL_MS = 2_000
/**
 * A write waits this long after the last sample, so a burst of calls is written once, after it (a write folds the
 * calls still queued first). Samples arrive when the network collector publishes, every 2 s while nobody watches,
 * and an idle callback may add up to a second to that: a pause shorter than this is the app still busy. When the
 * settle was shorter than that pace, every publish looked like the end of a burst, and an app polling without a
 * pause was written every few seconds instead of every {@link MAX_WRITE_DELAY_MS}...
 */
export const WRITE_SETTLE_MS = 3_500
/**
 * ...but no longer than this after the first unsaved sample, so an app that never pauses is saved too. Each write
 * builds the day's report and stores it with the last 500 requests: for an app polling 20 times a second, a write
 * every 10 s was about a sixth of perfscope's main-thread time. Hiding or leaving the page still writes at once.
 */
export const MAX_WRITE_DELAY_MS = 30_000
const BASELINE_KEY = 'baseline'
const BASELINE_RUN_KEY = 'baseline-run'

export function createHistory(
  context: MonitorContext,
  report: ReportInput,
  options: HistoryOptions,
): { history: History; source: Source } {
  const epochNow = options.now ?? Date.now
  let backend: HistoryBackend = new MemoryBackend()
  let ready: Promise<void> = Promise.resolve()
  let lastWrite = -Infinity
  let skipped = 0
  let baseline: string | null = null
  let baselineRun: string | null = null
  // Writes run one after another; reads wait for the ones already asked for, so a read after save() sees it.
  let writing: Promise<unknown> = Promise.resolve()
  const queue = <T>(task: () => Promise<T>): Promise<T> => {
    const next = writing.then(task)
    writing = next.catch(() => {})
    return next
  }
  const settled = async () => {
    await ready
    await writing
  }
  // Each page load writes its own record for the day; reading merges them, so a reload never overwrites a day.
  const session = Math.random().toString(36).slice(2, 10)
  const state = (patch: Partial<HistoryState>) => {
    const previous = context.read().history ?? {
      status: 'starting',
      reason: null,
      days: 0,
      skipped: 0,
      baseline: null,
      runs: 0,
      baselineRun: null,
      retention: { summaryDays: SUMMARY_RETENTION_DAYS, detailDays: DETAIL_RETENTION_DAYS, runs: MAX_STORED_RUNS },
    }
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

  /** The session's record for today, built now from the live report (collect first for the last calls). */
  const currentRecord = () => {
    const state = report.reportState()
    const { requests, ...summary } = buildReport(state.snapshot, state.requests)
    const date = dayOf(epochNow())
    const day: DayRecord = {
      ...summary,
      generatedAt: new Date(epochNow()).toISOString(),
      date,
      alerts: context.read().alerts,
    }
    return { date, dayKey: `day:${date}:${session}`, day, detailKey: `detail:${date}:${session}`, detail: requests }
  }
  /**
   * The dates stored, for the `days` figure: filled from the keys read at start and kept up to date by this page's
   * writes, so a write reads the keys back only on the first write of a new date (one IndexedDB transaction per
   * write instead of three).
   */
  const storedDates = new Set<string>()
  const countDays = (keys: readonly string[]) => {
    storedDates.clear()
    for (const key of keys) if (key.startsWith('day:')) storedDates.add(key.slice(4, 14))
    return storedDates.size
  }

  /**
   * `collected`: fold what is still queued first, so the record holds the last calls (`save()`, leaving). An idle
   * write comes after the figures settled and takes them as last published: collecting there published the network
   * figures once more per write, a cost of its own in a polling app, for at most one publish interval of calls that
   * the next write, or leaving the page, saves. While lazy sources are still loading it collects all the same: it
   * then waits for them, so the samples they will fold are in this write and do not owe the store another.
   */
  const write = async (collected: boolean) => {
    await ready
    if (collected || report.loading()) await report.collect()
    const t = (lastWrite = now())
    // perfscope's own time, though it runs after an await, outside every guarded call: counted by hand.
    const record = currentRecord()
    context.guard.account('history', now() - t)
    try {
      await backend.setMany([
        [record.dayKey, record.day],
        [record.detailKey, record.detail],
      ])
      // IndexedDB now holds at least what a journal written before this write holds.
      if (!(backend instanceof MemoryBackend)) removeJournal(session)
    } catch (error) {
      // Quota exceeded or the connection went away: keep going in memory, with what we had (docs/compatibility.md case 30).
      const memory = new MemoryBackend()
      for (const key of await backend.keys().catch(() => [] as string[]))
        memory.map.set(key, await backend.get(key).catch(() => undefined))
      memory.map.set(record.dayKey, record.day)
      memory.map.set(record.detailKey, record.detail)
      backend = memory
      state({ status: 'memory', reason: error instanceof Error ? error.message : String(error) })
    } finally {
      if (!storedDates.has(record.date)) state({ days: countDays(await backend.keys()) })
    }
  }

  /**
   * For `pagehide` and hiding: the record goes to a synchronous journal first (an IndexedDB write started now
   * may not finish before a reload or navigation tears the page down; the next start folds the journal in),
   * then to IndexedDB as usual.
   */
  const saveBeforeLeaving = () => {
    // What is loaded folds at once; the page may be gone before a chunk still on its way arrives.
    void report.collect()
    context.guard.run('history', () => writeJournal(session, currentRecord()))
    void history.save()
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

  const storeRun = async (run: LoadRunResult) => {
    await ready
    await backend.set(runKey(run), run)
    for (const key of runKeysOverLimit(await backend.keys())) await backend.del(key)
    state({ runs: runKeys(await backend.keys()).length })
  }

  const storedRuns = async (): Promise<LoadRunResult[]> => {
    const out: LoadRunResult[] = []
    for (const key of runKeys(await backend.keys())) {
      const value = await backend.get(key)
      if (isLoadRun(value)) out.push(value)
      else state({ skipped: ++skipped })
    }
    return out
  }

  const storedRun = async (runId: string): Promise<LoadRunResult | null> => {
    const key = runKeyOf(await backend.keys(), runId)
    const value = key ? await backend.get(key) : undefined
    return isLoadRun(value) ? value : null
  }

  /**
   * Another page cleared the store this one reads: its figures (the days, the pins) come from the keys again,
   * so they no longer count days that are gone, and a later write of this page counts as a new day.
   */
  const reread = () =>
    safely(
      () =>
        queue(async () => {
          await ready
          const keys = await backend.keys()
          if (!keys.includes(BASELINE_KEY)) baseline = null
          if (!keys.includes(BASELINE_RUN_KEY)) baselineRun = null
          state({ baseline, baselineRun, days: countDays(keys), runs: runKeys(keys).length })
        }),
      undefined,
    )

  const days = async (): Promise<DayRecord[]> => {
    await settled()
    // A page that closed since this one started may have got no further than its journal (its last IndexedDB
    // write is torn down with it): fold those in first, as the next start would, so its last record is in.
    if (!(backend instanceof MemoryBackend)) await foldJournals(backend, session, await backend.keys())
    const byDate = new Map<string, DayRecord[]>()
    for (const record of await records('day:')) byDate.set(record.date, [...(byDate.get(record.date) ?? []), record])
    return [...byDate.keys()].sort().map((date) => mergeDays(byDate.get(date)!))
  }

  const day = async (date: string): Promise<DayRecord | null> => {
    const found = await records(`day:${date}:`)
    return found.length ? mergeDays(found) : null
  }

  const history: History = {
    save: () => safely(() => queue(() => write(true)), undefined),
    days: () => safely(days, []),
    detail: (date) =>
      safely(async () => {
        await settled()
        const out: LoggedRequest[] = []
        for (const key of (await backend.keys()).filter((k) => k.startsWith(`detail:${date}:`))) {
          const value = await backend.get(key)
          if (Array.isArray(value)) out.push(...(value as LoggedRequest[]))
        }
        return out.sort((a, b) => a.startedAt - b.startedAt)
      }, []),
    async pin(date) {
      await settled()
      if (!(await day(date))) throw new RangeError(`perfscope history: no stored day ${date} to pin`)
      await backend.set(BASELINE_KEY, date)
      baseline = date
      state({ baseline })
    },
    async compare(date = dayOf(epochNow())) {
      await settled()
      if (!baseline) return []
      const [then, current] = await Promise.all([day(baseline), day(date)])
      if (!then || !current) return []
      return compareReports({ ...then, requests: [] }, { ...current, requests: [] })
    },
    runs: () =>
      safely(async () => {
        await settled()
        return storedRuns()
      }, []),
    async pinRun(runId) {
      await settled()
      if (!(await storedRun(runId))) throw new RangeError(`perfscope history: no stored load run ${runId} to pin`)
      await backend.set(BASELINE_RUN_KEY, runId)
      baselineRun = runId
      state({ baselineRun })
    },
    async compareRun(runId) {
      await settled()
      if (!baselineRun) return []
      const then = await storedRun(baselineRun)
      const current = runId === undefined ? ((await storedRuns()).pop() ?? null) : await storedRun(runId)
      if (!then || !current) return []
      return compareReports(then, current)
    },
    clear: () =>
      safely(
        () =>
          queue(async () => {
            await ready
            for (const key of await backend.keys()) await backend.del(key)
            baseline = null
            baselineRun = null
            storedDates.clear()
            state({ days: 0, baseline: null, runs: 0, baselineRun: null })
            announceCleared()
          }),
        undefined,
      ),
  }

  const source: Source = {
    name: 'history',
    metric: null,
    start() {
      state({ status: 'starting' })
      const offCleared = onClearedElsewhere(() => void reread())
      ready = (async () => {
        // One read in the usual case (the keys, which prove the database works): the rest is read only when the
        // keys say it is there, since every IndexedDB transaction costs the page's start-up about a millisecond.
        const opened = await openHistoryBackend()
        backend = opened.backend
        let keys = opened.keys
        if (opened.status === 'indexeddb') {
          const stored = keys
          keys = await foldJournals(backend, session, stored).then(
            (result) => result.keys,
            async (error: unknown) => {
              context.guard.report('history', error)
              return backend.keys().catch(() => stored)
            },
          )
        }
        const expired = new Set<string>()
        for (const key of expiredKeys(keys, epochNow())) {
          await backend.del(key).then(
            () => expired.add(key),
            () => {},
          )
        }
        if (expired.size > 0) keys = keys.filter((key) => !expired.has(key))
        const pinned = async (key: string) => {
          const value = keys.includes(key) ? await backend.get(key).catch(() => undefined) : undefined
          return typeof value === 'string' ? value : null
        }
        baseline = await pinned(BASELINE_KEY)
        baselineRun = await pinned(BASELINE_RUN_KEY)
        state({
          status: opened.status,
          reason: opened.reason,
          baseline,
          baselineRun,
          days: countDays(keys),
          runs: runKeys(keys).length,
        })
      })().catch((error: unknown) => context.guard.report('history', error))
      let deferred: ReturnType<typeof setTimeout> | null = null
      let firstUnsaved = -1
      let lastSample = -1
      const idleWrite = new IdleTask(() => {
        const t = now()
        const settled = Math.min(lastSample + WRITE_SETTLE_MS, firstUnsaved + MAX_WRITE_DELAY_MS)
        const wait = Math.max(lastWrite + MIN_WRITE_INTERVAL_MS, settled) - t
        if (wait > 0) {
          // One timer, armed by new data and never by itself: it asks for the idle moment again when due.
          deferred ??= setTimeout(() => {
            deferred = null
            idleWrite.schedule()
          }, wait)
          return
        }
        firstUnsaved = -1
        void safely(() => queue(() => write(false)), undefined)
      })
      const offSample = context.onSamples(() => {
        lastSample = now()
        if (firstUnsaved < 0) firstUnsaved = lastSample
        // While the timer waits for the write to be due, it asks for the idle moment itself: one per write, not
        // one idle callback per sample.
        if (deferred === null) idleWrite.schedule()
      })
      // Each finished run is stored once, when it lands in the snapshot; the subscription is the only trigger.
      let storedRunId: string | null = null
      const keepRun = (last: LoadRunResult | null | undefined) => {
        if (!last || last.runId === storedRunId) return
        storedRunId = last.runId
        void safely(() => queue(() => storeRun(last)), undefined)
      }
      keepRun(context.read().load?.last)
      const offStore = context.subscribe((s) => s.load?.last, keepRun)
      const onHidden = () => {
        if (document.visibilityState === 'hidden') saveBeforeLeaving()
      }
      const onPageHide = () => saveBeforeLeaving()
      document.addEventListener('visibilitychange', onHidden)
      window.addEventListener('pagehide', onPageHide)
      return () => {
        offSample()
        offStore()
        idleWrite.dispose()
        if (deferred !== null) clearTimeout(deferred)
        document.removeEventListener('visibilitychange', onHidden)
        window.removeEventListener('pagehide', onPageHide)
        offCleared()
        void history.save()
      }
    },
  }
  return { history, source }
}
