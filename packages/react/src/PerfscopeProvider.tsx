'use client'
import { useState, type ReactNode } from 'react'
import { createMonitor, type Monitor, type MonitorOptions } from '@perfscope/core'
import { getDefaultMonitor, MonitorContext, useRetainedMonitor } from './monitorContext.ts'

/** Props of {@link PerfscopeProvider}. */
export interface PerfscopeProviderProps {
  /** A monitor you created; when absent the provider creates one from `options` (or, without options, uses the shared default monitor). */
  monitor?: Monitor
  /** Options for the monitor the provider creates (read once, on first render). */
  options?: MonitorOptions
  /**
   * Start the monitor during the provider's first render, before any effect of the app runs, and stop it after
   * the provider unmounts (default `true`). Never starts on the server.
   */
  autoStart?: boolean
  children?: ReactNode
}

/**
 * Gives its tree one monitor: `usePerformanceMonitor()`, `<PerfOverlay/>` and `<PerfProfiler/>` inside it use
 * that monitor. It starts the monitor synchronously on its first client render, so the requests the app's
 * components make from their first effects are counted. Server rendering starts nothing, and the state is
 * published after render, so hydration sees the same (empty) state as the server.
 */
export function PerfscopeProvider({ monitor, options, autoStart = true, children }: PerfscopeProviderProps) {
  const [own] = useState(() => monitor ?? (options ? createMonitor(options) : getDefaultMonitor()))
  const active = monitor ?? own
  useRetainedMonitor(active, autoStart)
  return <MonitorContext.Provider value={active}>{children}</MonitorContext.Provider>
}
