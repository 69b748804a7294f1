import { Guard } from './kernel/guard.ts'
import { isBrowser } from './lib/isBrowser.ts'
import { subscribeSelected } from './kernel/subscribeSelected.ts'
import { resolveFilters, PerfscopeOptionError, type MonitorOptions } from './kernel/options.ts'
import { createMonitorStore, METRIC_NAMES, type MonitorStore } from './kernel/store.ts'
import { defaultSources } from './features/defaultSources.ts'
import { resolveTransportOptions } from './features/transport/options.ts'
import { createTransportSource } from './features/transport/transportSource.ts'
import { createLoadSimulator, type LoadSimulator } from './features/load/loadSimulator.ts'
import { resolveLoadOptions } from './features/load/loadOptions.ts'
import { exportReport, type ExportFormat, type ExportOptions } from './features/export/exportReport.ts'
import { buildReport, type PerfReport } from './features/export/report.ts'
import { RequestLog } from './features/export/requestLog.ts'
import type { History } from './features/history/history.ts'
import { createLazyHistory } from './features/history/lazyHistory.ts'
import { RequestHooks } from './features/network/requestHooks.ts'
import type { MonitorContext, Source } from './kernel/source.ts'
import type { MetricName, RenderPhase, Sample, Snapshot, SnapshotListener } from './types.ts'
import { createRenderRecorder } from './features/renders/renders.ts'
import { createBudgetWatcher } from './features/budgets/budgetWatcher.ts'
import { resolveBudgetOptions } from './features/budgets/budgetOptions.ts'
import type { BudgetFile } from './features/budgets/budgetFile.ts'

/** A live performance monitor. Nothing touches the page until {@link Monitor.start}. */
export interface Monitor {
  /** The zustand vanilla store behind {@link Monitor.snapshot}; for `useStore` and other selector-based readers. */
  readonly store: MonitorStore
  /** True between `start()` and `stop()` (never true outside a browser). */
  readonly running: boolean
  /** Starts every source whose metric is on. A no-op when already running and outside a browser (SSR). */
  start(): void
  /** Stops every source, disconnecting observers and restoring every patched global exactly. */
  stop(): void
  /** The current state: plain, JSON-serialisable data. */
  snapshot(): Snapshot
  /** Calls `listener` after each change (at most once per microtask). Returns the unsubscribe function. */
  subscribe(listener: SnapshotListener): () => void
  /** Calls `listener` only when `selector`'s result changes (compared with `equals`, default `Object.is`). */
  subscribe<T>(
    selector: (state: Snapshot) => T,
    listener: (selected: T, previous: T) => void,
    equals?: (a: T, b: T) => boolean,
  ): () => void
  /** Switches one metric on or off at run time; an off metric is not collected at all. */
  setFilter(metric: MetricName, enabled: boolean): void
  /**
   * Counts perfscope's own and the load simulator's requests in the app's endpoint figures (`true`), or leaves them
   * out (`false`, the default). Applies to requests made from now on; `snapshot().includeInternal` tells.
   */
  setIncludeInternal(enabled: boolean): void
  /** Calls `listener` with every sample the sources emit (transport and history listen here). */
  onSample(listener: (sample: Sample) => void): () => void
  /**
   * Says that something watches live (the overlay is open), which switches on costly sources such as the frame
   * rate. Returns the function that ends this watch; sources stop when the last watch ends.
   */
  watch(): () => void
  /** Everything the monitor knows as a versioned JSON report (what `perfscope check` reads). */
  report(): PerfReport
  /**
   * The report as JSON, CSV (one row per summary), HAR 1.2 (the network log) or OTLP/JSON metrics; gzip bytes when
   * `compress` is set. URLs are the redacted ones the interceptors kept, or route patterns.
   */
  export(format: ExportFormat, options?: ExportOptions): string | Uint8Array
  /** Daily history in IndexedDB (memory when unavailable), with a baseline to compare against. */
  readonly history: History
  /** The in-page load simulator (safety-capped; see docs/load-testing.md). */
  readonly load: LoadSimulator
  /**
   * Records one render of a profiled tree (what React's `Profiler` `onRender` reports; durations in ms).
   * Ignored unless the monitor is running with the `renders` metric on.
   */
  recordRender(id: string, phase: RenderPhase, actualDuration: number, baseDuration: number): void
  /** Marks an active alert of `snapshot().alerts` acknowledged (it stays so while active); false for an unknown id. */
  acknowledgeAlert(id: string): boolean
  /** Switches the budget set to an environment of the budget file (null: the top-level budgets) and re-checks. */
  setBudgetEnvironment(environment: string | null): void
  /** Replaces the budget file at run time (null: defaults only). Throws a `BudgetFileError` naming metric and level. */
  setBudgets(file: BudgetFile | null): void
}

/**
 * Creates a monitor. Importing perfscope or calling this has no side effects; the page is touched only by
 * `start()`. Throws a {@link PerfscopeOptionError} when an option has the wrong type.
 */
export function createMonitor(options: MonitorOptions = {}): Monitor {
  const filters = resolveFilters(options)
  const transport = resolveTransportOptions(options.transport)
  const loadOptions = resolveLoadOptions(options.load)
  const budgetOptions = resolveBudgetOptions(options.budgets)
  // History needs the monitor's report, so it is created below; its source hands over to it when started.
  let historyService: ReturnType<typeof createLazyHistory> | undefined
  const historySource: Source = { name: 'history', metric: null, start: (context) => historyService!.source.start(context) }
  const renders = createRenderRecorder()
  // The watcher needs the store and context made below; its source hands over to it when started.
  const budgetSource: Source = { name: 'budgets', metric: null, start: (context) => budgetWatcher.source.start(context) }
  const sources: readonly Source[] = [
    ...(options.sources ?? [
      ...defaultSources(options),
      ...(transport.enabled ? [createTransportSource(transport)] : []),
      ...(options.history?.enabled === false ? [] : [historySource]),
    ]),
    renders.source,
    budgetSource,
  ]
  const settings = { includeInternal: options.network?.includeInternal === true }
  const store = createMonitorStore(filters, settings.includeInternal)
  const sampleListeners = new Set<(sample: Sample) => void>()
  const stops = new Map<Source, () => void>()
  let pending: Partial<Snapshot> | null = null
  let publishedGuardVersion = 0
  let flushQueued = false
  let running = false
  let watchers = 0
  const watchListeners = new Set<(watched: boolean) => void>()

  const guard = new Guard(() => schedule())

  function schedule(): void {
    if (flushQueued) return
    flushQueued = true
    queueMicrotask(flush)
  }

  function flush(): void {
    flushQueued = false
    const next: Partial<Snapshot> = pending ?? {}
    pending = null
    if (guard.version !== publishedGuardVersion) {
      publishedGuardVersion = guard.version
      next.overhead = { totalMs: guard.totalMs, calls: guard.calls, bySource: { ...guard.bySource } }
      next.errors = { count: guard.errorCount, recent: guard.recentErrors.slice() }
    }
    if (Object.keys(next).length > 0) store.setState(next)
  }

  const context: MonitorContext = {
    guard,
    requestHooks: new RequestHooks(),
    settings,
    get watched() {
      return watchers > 0
    },
    onWatchChange(listener) {
      watchListeners.add(listener)
      return () => watchListeners.delete(listener)
    },
    publish(partial) {
      pending = pending ? Object.assign(pending, partial) : { ...partial }
      schedule()
    },
    read() {
      return pending ? { ...store.getState(), ...pending } : store.getState()
    },
    onSample(listener) {
      sampleListeners.add(listener)
      return () => sampleListeners.delete(listener)
    },
    emit(sample) {
      for (const listener of sampleListeners) guard.run('onSample', () => listener(sample))
    },
  }

  function startSource(source: Source): void {
    if (stops.has(source)) return
    const stop = guard.run(source.name, () => source.start(context))
    if (typeof stop === 'function') stops.set(source, stop)
  }

  function stopSource(source: Source): void {
    const stop = stops.get(source)
    if (!stop) return
    stops.delete(source)
    guard.run(source.name, stop)
  }

  const load = createLoadSimulator(context, loadOptions, () => running)
  historyService = createLazyHistory(context, () => monitor.report(), options.history ?? {}, store)
  const budgetWatcher = createBudgetWatcher(context, store, budgetOptions)
  const requestLog = new RequestLog(typeof performance === 'undefined' ? Date.now() : performance.timeOrigin)
  sampleListeners.add((sample) => requestLog.add(sample))
  const monitor: Monitor = {
    store,
    load,
    history: historyService.history,
    get running() {
      return running
    },
    start() {
      if (running || !isBrowser()) return
      running = true
      context.publish({ running: true, startedAt: Date.now() })
      for (const source of sources) {
        if (source.metric === null || store.getState().filters[source.metric]) startSource(source)
      }
    },
    stop() {
      if (!running) return
      load.stop('the monitor stopped')
      running = false
      for (const source of [...stops.keys()].reverse()) stopSource(source)
      context.publish({ running: false })
    },
    snapshot() {
      if (flushQueued || pending) flush()
      return store.getState()
    },
    subscribe<T>(
      selectorOrListener: ((state: Snapshot) => T) | SnapshotListener,
      listener?: (selected: T, previous: T) => void,
      equals?: (a: T, b: T) => boolean,
    ): () => void {
      return subscribeSelected(store, selectorOrListener, listener, equals)
    },
    setFilter(metric, enabled) {
      if (!(METRIC_NAMES as readonly string[]).includes(metric)) {
        throw new PerfscopeOptionError('metric', `is not a metric (known: ${METRIC_NAMES.join(', ')})`, metric)
      }
      if (typeof enabled !== 'boolean') throw new PerfscopeOptionError(`metrics.${metric}`, 'must be a boolean', enabled)
      const current = store.getState().filters
      if (current[metric] === enabled) return
      store.setState({ filters: { ...current, [metric]: enabled } })
      if (!running) return
      for (const source of sources) {
        if (source.metric !== metric) continue
        if (enabled) startSource(source)
        else stopSource(source)
      }
    },
    setIncludeInternal(enabled) {
      if (typeof enabled !== 'boolean') throw new PerfscopeOptionError('includeInternal', 'must be a boolean', enabled)
      settings.includeInternal = enabled
      store.setState({ includeInternal: enabled })
    },
    onSample: context.onSample,
    report() {
      return buildReport(monitor.snapshot(), requestLog.list())
    },
    export(format, options) {
      return exportReport(monitor.report(), format, options)
    },
    watch() {
      let ended = false
      if (++watchers === 1) for (const l of watchListeners) guard.run('watch', () => l(true))
      return () => {
        if (ended) return
        ended = true
        if (--watchers === 0) for (const l of watchListeners) guard.run('watch', () => l(false))
      }
    },
    recordRender: renders.record,
    acknowledgeAlert: (id) => budgetWatcher.acknowledge(id),
    setBudgetEnvironment: (environment) => budgetWatcher.setEnvironment(environment),
    setBudgets: (file) => budgetWatcher.setFile(file),
  }
  return monitor
}
