import type { ReportInput } from '../export/report.ts'
import { lazySource } from '../../kernel/lazySource.ts'
import type { MonitorContext, Source } from '../../kernel/source.ts'
import type { History, HistoryOptions } from './history.ts'
import { loadIdleCode } from '../loadIdleCode.ts'

type HistoryService = { history: History; source: Source }

/**
 * `monitor.history` and its source, with the implementation (IndexedDB through idb-keyval, retention, merging,
 * load runs) in the features' idle chunk: it is fetched at the monitor's first idle moment, or by the first call,
 * and never weighs on the app's initial bundle. Every method was asynchronous already, so nothing changes for callers.
 */
export function createLazyHistory(
  context: MonitorContext,
  report: ReportInput,
  options: HistoryOptions,
): HistoryService {
  let service: Promise<HistoryService> | null = null
  const load = () =>
    (service ??= loadIdleCode().then(
      (module) => module.createHistory(context, report, options),
      (error: unknown) => {
        service = null
        throw error
      },
    ))
  /**
   * Settled once the history source, asked to start, has started (or failed to load): a call made meanwhile
   * waits for it, so it reads the days merged with what earlier pages left, not a store still opening.
   */
  let started: Promise<void> = Promise.resolve()
  let settleStart = () => {}
  /** Calls `method` once the chunk is there; a chunk that cannot load is reported and answered with `fallback`. */
  const later =
    <A extends unknown[], R>(method: (h: History) => (...args: A) => Promise<R>, fallback: () => R) =>
    async (...args: A): Promise<R> => {
      let loaded: HistoryService
      try {
        loaded = await load()
      } catch (error) {
        context.guard.report('history', error)
        return fallback()
      }
      await started
      return method(loaded.history)(...args)
    }
  const unavailable = (): never => {
    throw new Error('perfscope history: its code could not be loaded (see snapshot().errors)')
  }
  const history: History = {
    save: later(
      (h) => h.save,
      () => undefined,
    ),
    days: later(
      (h) => h.days,
      () => [],
    ),
    detail: later(
      (h) => h.detail,
      () => [],
    ),
    pin: later((h) => h.pin, unavailable),
    compare: later(
      (h) => h.compare,
      () => [],
    ),
    runs: later(
      (h) => h.runs,
      () => [],
    ),
    pinRun: later((h) => h.pinRun, unavailable),
    compareRun: later(
      (h) => h.compareRun,
      () => [],
    ),
    clear: later(
      (h) => h.clear,
      () => undefined,
    ),
  }
  const late = lazySource('history', null, () =>
    load().then(
      (loaded): Source => ({
        ...loaded.source,
        start(startContext) {
          const stop = loaded.source.start(startContext)
          settleStart()
          return stop
        },
      }),
      (error: unknown) => {
        settleStart()
        throw error
      },
    ),
  )
  const source: Source = {
    ...late,
    start(startContext) {
      started = new Promise((resolve) => (settleStart = resolve))
      const stop = late.start(startContext)
      return () => {
        settleStart()
        stop()
      }
    },
  }
  return { history, source }
}
