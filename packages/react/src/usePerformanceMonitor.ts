'use client'
import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react'
import type { LoadRunResult, LoadScenario, MetricName, Monitor, Snapshot } from '@perfscope/core'
import { useMonitor } from './monitorContext.ts'

/** Options of {@link usePerformanceMonitor}. */
export interface UsePerformanceMonitorOptions<T> {
  /** Read this monitor instead of the provider's (or the shared default one). */
  monitor?: Monitor
  /** When the selected value counts as unchanged (default `Object.is`); pass a shallow compare for objects. */
  equals?: (a: T, b: T) => boolean
}

/** What {@link usePerformanceMonitor} returns: the selected state and the monitor's actions. */
export interface PerformanceMonitorApi<T> {
  /** The selected part of the live snapshot. */
  state: T
  monitor: Monitor
  /** Starts or stops monitoring. */
  setMonitoring(on: boolean): void
  toggleMonitoring(): void
  /** Switches one metric on or off; an off metric is not collected at all. */
  setFilter(metric: MetricName, enabled: boolean): void
  /** Counts perfscope's own and the load simulator's requests in the app's endpoint figures, or leaves them out. */
  setIncludeInternal(enabled: boolean): void
  /** Starts a load-simulator run (safety-capped; see docs/load-testing.md); resolves with its result. */
  runLoad(scenario: LoadScenario): Promise<LoadRunResult>
  /** Stops the current load run at once (every in-flight request aborted). */
  stopLoad(reason?: string): void
  /** The current snapshot as pretty-printed JSON (what the overlay's Export button downloads). */
  exportJson(): string
}

const identity = (s: Snapshot) => s

/**
 * Live state of the monitor, narrowed by `selector`: the component re-renders only when the selected value
 * changes. On the server it returns the initial state and never starts anything.
 *
 * ```tsx
 * const { state: lcp } = usePerformanceMonitor((s) => s.vitals.LCP?.value ?? null)
 * ```
 */
export function usePerformanceMonitor(): PerformanceMonitorApi<Snapshot>
export function usePerformanceMonitor<T>(
  selector: (snapshot: Snapshot) => T,
  options?: UsePerformanceMonitorOptions<T>,
): PerformanceMonitorApi<T>
export function usePerformanceMonitor<T>(
  selector: (snapshot: Snapshot) => T = identity as (s: Snapshot) => T,
  options: UsePerformanceMonitorOptions<T> = {},
): PerformanceMonitorApi<T> {
  const monitor = useMonitor(options.monitor)
  const equals = options.equals ?? Object.is
  // Keep the last selection so an inline selector returning an equal value does not force a re-render.
  const memo = useRef<{ state: Snapshot; selected: T } | null>(null)
  const getSelection = useCallback(() => {
    const state = monitor.store.getState()
    const last = memo.current
    if (last && last.state === state) return last.selected
    const selected = selector(state)
    if (last && equals(last.selected, selected)) {
      memo.current = { state, selected: last.selected }
      return last.selected
    }
    memo.current = { state, selected }
    return selected
  }, [monitor, selector, equals])
  const getServerSelection = useCallback(() => selector(monitor.store.getInitialState()), [monitor, selector])
  const state = useSyncExternalStore(monitor.store.subscribe, getSelection, getServerSelection)
  const actions = useMemo(
    () => ({
      monitor,
      setMonitoring: (on: boolean) => (on ? monitor.start() : monitor.stop()),
      toggleMonitoring: () => (monitor.running ? monitor.stop() : monitor.start()),
      setFilter: (metric: MetricName, enabled: boolean) => monitor.setFilter(metric, enabled),
      setIncludeInternal: (enabled: boolean) => monitor.setIncludeInternal(enabled),
      runLoad: (scenario: LoadScenario) => monitor.load.run(scenario),
      stopLoad: (reason?: string) => monitor.load.stop(reason),
      exportJson: () => JSON.stringify(monitor.snapshot(), null, 2),
    }),
    [monitor],
  )
  return { state, ...actions }
}
