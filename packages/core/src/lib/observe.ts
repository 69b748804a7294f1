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

export function isEntryTypeSupported(type: string): boolean {
  return (
    typeof PerformanceObserver !== 'undefined' &&
    Array.isArray(PerformanceObserver.supportedEntryTypes) &&
    PerformanceObserver.supportedEntryTypes.includes(type)
  )
}

export function observe<E extends PerformanceEntry = PerformanceEntry>(
  type: string,
  callback: (entries: E[]) => void,
  options: ObserveOptions = {},
): Observation {
  if (!isEntryTypeSupported(type)) return { supported: false, disconnect() {} }
  try {
    const observer = new PerformanceObserver((list) => callback(list.getEntries() as E[]))
    const init: PerformanceObserverInit & { durationThreshold?: number } = {
      type,
      buffered: options.buffered ?? true,
    }
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
    return { supported: false, disconnect() {} }
  }
}
