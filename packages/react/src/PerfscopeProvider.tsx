'use client'
import { useEffect, useState, type ReactNode } from 'react'
import { createMonitor, type Monitor, type MonitorOptions } from '@perfscope/core'
import { MonitorContext, retainMonitor } from './monitorContext.ts'

/** Props of {@link PerfscopeProvider}. */
export interface PerfscopeProviderProps {
  /** A monitor you created; when absent the provider creates one from `options`. */
  monitor?: Monitor
  /** Options for the monitor the provider creates (read once, on first render). */
  options?: MonitorOptions
  /** Start the monitor on mount and stop it on unmount (default `true`). Never starts on the server. */
  autoStart?: boolean
  children?: ReactNode
}

/**
 * Gives its tree one monitor: `usePerformanceMonitor()`, `<PerfOverlay/>` and `<PerfProfiler/>` inside it use
 * that monitor. Starting happens in an effect, so server rendering and hydration see the same (empty) state.
 */
export function PerfscopeProvider({ monitor, options, autoStart = true, children }: PerfscopeProviderProps) {
  const [own] = useState(() => monitor ?? createMonitor(options))
  const active = monitor ?? own
  useEffect(() => (autoStart ? retainMonitor(active) : undefined), [active, autoStart])
  return <MonitorContext.Provider value={active}>{children}</MonitorContext.Provider>
}
