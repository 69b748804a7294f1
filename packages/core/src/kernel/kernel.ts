import { Guard } from './guard.ts'
import { isBrowser } from '../lib/isBrowser.ts'
import { mustBeBoolean } from './optionRules.ts'
import { RequestHooks } from './requestHooks.ts'
import { createMonitorStore, type MonitorStore } from './store.ts'
import { checkFilter } from './filters.ts'
import { subscribeSelected } from './subscribeSelected.ts'
import type { MonitorContext, Source } from './source.ts'
import type { MetricName, Sample, Snapshot, SnapshotListener } from '../types.ts'

/**
 * Samples kept for sources that start late (loaded at the first idle moment), so a transport or a quota that
 * arrives after the app's first requests still sees them. Bounded: beyond it the oldest are dropped.
 */
export const MAX_EARLY_SAMPLES = 1000

/** What every monitor has whatever its features: lifecycle, state, subscriptions, filters and watching. */
export interface Kernel {
  /** The zustand vanilla store behind {@link Kernel.snapshot}; for `useStore` and other selector-based readers. */
  readonly store: MonitorStore
  /** The context every source of this monitor gets. */
  readonly context: MonitorContext
  /** True between `start()` and `stop()` (never true outside a browser). */
  readonly running: boolean
  /** True while a lazy source's code is still on its way (the samples emitted meanwhile are held for it). */
  readonly loading: boolean
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
  /** Adds sources; they start with the monitor (and at once when it runs), each switched by its metric. */
  addSources(sources: readonly Source[]): void
  /**
   * Folds what sources hold back for their next publish, so the snapshot and the samples are current now.
   * What is loaded folds at once; the promise settles once lazy sources still loading have arrived and folded
   * too (it never rejects: a failure is in the errors).
   */
  collect(): Promise<void>
}

export interface KernelOptions {
  filters: Record<MetricName, boolean>
  includeInternal: boolean
  /** Snapshot fields the features own, with their values before they have data. */
  slices: Partial<Snapshot>
}

/** Creates the kernel of a monitor. It touches nothing of the page until `start()`. */
export function createKernel(options: KernelOptions): Kernel {
  const sources: Source[] = []
  const store = createMonitorStore(options.filters, options.includeInternal, options.slices)
  // One source of truth: sources read the setting from the snapshot.
  const settings = {
    get includeInternal() {
      return store.getState().includeInternal
    },
  }
  const sampleListeners = new Set<(samples: readonly Sample[]) => void>()
  const stops = new Map<Source, () => void>()
  let pending: Partial<Snapshot> | null = null
  let publishedGuardVersion = 0
  let publishedErrorCount = 0
  let flushQueued = false
  let running = false
  let watchers = 0
  const watchListeners = new Set<(watched: boolean) => void>()
  const collectors = new Set<() => void | Promise<void>>()
  let early: Sample[] | null = null
  let earlyHolds = 0

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
      // Overhead moves with every guarded call; the errors slice is replaced only when an error came.
      if (guard.errorCount !== publishedErrorCount) {
        publishedErrorCount = guard.errorCount
        next.errors = { count: guard.errorCount, recent: guard.recentErrors.slice() }
      }
    }
    if (Object.keys(next).length > 0) store.setState(next)
  }

  function subscribe<T>(
    selectorOrListener: ((state: Snapshot) => T) | SnapshotListener,
    listener?: (selected: T, previous: T) => void,
    equals?: (a: T, b: T) => boolean,
  ): () => void {
    return subscribeSelected(store, selectorOrListener, listener, equals)
  }

  function onSamples(listener: (samples: readonly Sample[]) => void, replayEarly = false): () => void {
    if (replayEarly && early && early.length > 0) {
      const replayed = early.slice()
      guard.run('onSample', () => listener(replayed))
    }
    sampleListeners.add(listener)
    return () => sampleListeners.delete(listener)
  }

  function onSample(listener: (sample: Sample) => void, replayEarly = false): () => void {
    return onSamples((samples) => {
      // One listener's failure on a sample must not cost it the rest of the batch.
      for (const sample of samples) {
        try {
          listener(sample)
        } catch (error) {
          guard.report('onSample', error)
        }
      }
    }, replayEarly)
  }

  function emitAll(samples: readonly Sample[]): void {
    if (early) {
      for (const sample of samples) early.push(sample)
      if (early.length > MAX_EARLY_SAMPLES) early.splice(0, early.length - MAX_EARLY_SAMPLES)
    }
    guard.run('onSample', () => {
      for (const listener of sampleListeners) {
        try {
          listener(samples)
        } catch (error) {
          guard.report('onSample', error)
        }
      }
    })
  }

  const context: MonitorContext = {
    guard,
    requestHooks: new RequestHooks(guard),
    settings,
    get watched() {
      return watchers > 0
    },
    onWatchChange(listener) {
      watchListeners.add(listener)
      return () => watchListeners.delete(listener)
    },
    onCollect(collect) {
      collectors.add(collect)
      return () => collectors.delete(collect)
    },
    publish(partial) {
      pending = pending ? Object.assign(pending, partial) : { ...partial }
      schedule()
    },
    read() {
      return pending ? { ...store.getState(), ...pending } : store.getState()
    },
    subscribe,
    onSample,
    onSamples,
    emit: (sample) => emitAll([sample]),
    emitAll,
    holdEarlySamples() {
      earlyHolds++
      early ??= []
      let held = true
      return () => {
        if (!held) return
        held = false
        if (--earlyHolds === 0) early = null
      }
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

  const switchedOn = (source: Source) => source.metric === null || store.getState().filters[source.metric]

  return {
    store,
    context,
    get running() {
      return running
    },
    get loading() {
      return earlyHolds > 0
    },
    start() {
      if (running || !isBrowser()) return
      running = true
      context.publish({ running: true, startedAt: Date.now() })
      for (const source of sources) if (switchedOn(source)) startSource(source)
    },
    stop() {
      if (!running) return
      running = false
      for (const source of [...stops.keys()].reverse()) stopSource(source)
      context.publish({ running: false })
    },
    snapshot() {
      if (flushQueued || pending) flush()
      return store.getState()
    },
    subscribe,
    setFilter(metric, enabled) {
      checkFilter(metric, enabled)
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
      mustBeBoolean(enabled, 'includeInternal')
      store.setState({ includeInternal: enabled })
    },
    onSample: (listener) => onSample(listener),
    watch() {
      let ended = false
      if (++watchers === 1) for (const l of watchListeners) guard.run('watch', () => l(true))
      return () => {
        if (ended) return
        ended = true
        if (--watchers === 0) for (const l of watchListeners) guard.run('watch', () => l(false))
      }
    },
    async collect() {
      const loading: Promise<void>[] = []
      for (const collect of collectors) {
        const result = guard.run('collect', collect)
        if (result instanceof Promise) loading.push(result.catch((error: unknown) => guard.report('collect', error)))
      }
      await Promise.all(loading)
    },
    addSources(added) {
      for (const source of added) {
        sources.push(source)
        if (running && switchedOn(source)) startSource(source)
      }
    },
  }
}
