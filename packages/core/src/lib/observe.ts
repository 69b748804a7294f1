/**
 * The one way perfscope creates a PerformanceObserver: only for entry types the browser lists in
 * `PerformanceObserver.supportedEntryTypes`, with `buffered: true` so entries from before `start()` count,
 * and never throwing (an unsupported or failing type reports `supported: false`).
 * Modelled on web-vitals' `lib/observe.ts`.
 */
export interface Observation {
  /** False when the browser does not support the entry type or observing it failed. */
  readonly supported: boolean
  /** Hands over the entries queued but not yet delivered, then stops observing. Safe to call twice. */
  disconnect(): void
}

export interface ObserveOptions {
  /** Also deliver entries recorded before observing started (default true). */
  buffered?: boolean
  /** For `event` entries: the minimum duration to report, ms (the spec's floor is 16). */
  durationThreshold?: number
}

type Deliver = (entries: PerformanceEntry[]) => void

/** One browser observer of an entry type and the callbacks it feeds. */
interface SharedObserver {
  readonly observer: PerformanceObserver
  /**
   * Replaced, never changed in place: a delivery walks the list it started with, so a callback that joins
   * meanwhile (its backlog already holds these entries) is not handed them twice, and delivering copies nothing.
   */
  callbacks: readonly { deliver: Deliver }[]
}

/**
 * Entry types that several features observe (the network collector and the transport both read every resource
 * entry) and whose buffered entries `performance.getEntriesByType()` also returns. Each gets one observer for
 * the page: a callback into the page costs far more than the few lines that read an entry, and an app polling 20
 * times a second otherwise paid for one per feature per request.
 */
const SHARED_TYPES: readonly string[] = ['resource', 'navigation']
const shared = new Map<string, SharedObserver>()

const UNSUPPORTED: Observation = { supported: false, disconnect() {} }

export function isEntryTypeSupported(type: string): boolean {
  return (
    typeof PerformanceObserver !== 'undefined' &&
    Array.isArray(PerformanceObserver.supportedEntryTypes) &&
    PerformanceObserver.supportedEntryTypes.includes(type)
  )
}

/**
 * Calls `callback` with the entries of `type` as the browser reports them. Callbacks run inside the browser's
 * delivery, one after another, and must not throw (perfscope passes guarded ones).
 */
export function observe<E extends PerformanceEntry = PerformanceEntry>(
  type: string,
  callback: (entries: E[]) => void,
  options: ObserveOptions = {},
): Observation {
  if (!isEntryTypeSupported(type)) return UNSUPPORTED
  const buffered = options.buffered ?? true
  try {
    if (SHARED_TYPES.includes(type) && options.durationThreshold === undefined) {
      return join(type, callback as Deliver, buffered)
    }
    const observer = new PerformanceObserver((list) => callback(list.getEntries() as E[]))
    const init: PerformanceObserverInit & { durationThreshold?: number } = { type, buffered }
    if (options.durationThreshold !== undefined) init.durationThreshold = options.durationThreshold
    observer.observe(init)
    let connected = true
    return {
      supported: true,
      disconnect() {
        if (!connected) return
        connected = false
        const queued = observer.takeRecords() as E[]
        observer.disconnect()
        if (queued.length > 0) callback(queued)
      },
    }
  } catch {
    return UNSUPPORTED
  }
}

/** Hands entries to every callback of an observer; one that joins meanwhile has them in its backlog already. */
function deliverAll(to: SharedObserver, entries: PerformanceEntry[]): void {
  const callbacks = to.callbacks
  // Indexed, not for…of: this runs once per app response, mostly before the engine optimises it, and there a
  // for…of loop allocates an iterator and a result object per element.
  for (let i = 0; i < callbacks.length; i++) callbacks[i]!.deliver(entries)
}

/**
 * Adds a callback to the page's observer of `type`, creating it for the first. A callback that joins an observer
 * already running reads its backlog from the performance timeline, the buffer the browser's `buffered` flag
 * reads too; what the observer had queued is handed to the callbacks already there first, so no entry reaches a
 * callback twice.
 */
function join(type: string, deliver: Deliver, buffered: boolean): Observation {
  const callback = { deliver }
  const running = shared.get(type)
  const observing = running ?? startShared(type, buffered)
  if (running && buffered) {
    const queued = running.observer.takeRecords()
    if (queued.length > 0) deliverAll(running, queued)
    const backlog = performance.getEntriesByType(type)
    // Later, as the browser delivers a buffer: the caller has not even kept its observation yet.
    if (backlog.length > 0) {
      queueMicrotask(() => {
        if (running.callbacks.includes(callback)) deliver(backlog)
      })
    }
  }
  observing.callbacks = [...observing.callbacks, callback]
  return {
    supported: true,
    disconnect() {
      if (!observing.callbacks.includes(callback)) return
      const queued = observing.observer.takeRecords()
      if (queued.length > 0) deliverAll(observing, queued)
      observing.callbacks = observing.callbacks.filter((c) => c !== callback)
      if (observing.callbacks.length > 0) return
      observing.observer.disconnect()
      if (shared.get(type) === observing) shared.delete(type)
    },
  }
}

function startShared(type: string, buffered: boolean): SharedObserver {
  const observer = new PerformanceObserver((list) => deliverAll(observing, list.getEntries()))
  const observing: SharedObserver = { observer, callbacks: [] }
  observer.observe({ type, buffered })
  shared.set(type, observing)
  return observing
}
