'use client'
import { Profiler, useCallback, type ProfilerOnRenderCallback, type ReactNode } from 'react'
import type { Monitor } from '@perfscope/core'
import { useMonitor } from './monitorContext.ts'

/** Props of {@link PerfProfiler}. */
export interface PerfProfilerProps {
  /** Names the profiled tree in the overlay's Renders table. */
  id: string
  /** Record into this monitor instead of the provider's (or the shared default one). */
  monitor?: Monitor
  children?: ReactNode
}

/**
 * Wraps `React.Profiler` and records each commit's render duration (mount vs update) under `id`. React reports
 * timings only in development and profiling builds; in a plain production build nothing is recorded.
 */
export function PerfProfiler({ id, monitor, children }: PerfProfilerProps) {
  const active = useMonitor(monitor)
  const onRender = useCallback<ProfilerOnRenderCallback>(
    (profilerId, phase, actualDuration, baseDuration) =>
      active.renders.record(profilerId, phase, actualDuration, baseDuration),
    [active],
  )
  return (
    <Profiler id={id} onRender={onRender}>
      {children}
    </Profiler>
  )
}
