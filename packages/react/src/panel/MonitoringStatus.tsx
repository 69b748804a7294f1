import type { Monitor } from '@perfscope/core'
import { usePerformanceMonitor } from '../usePerformanceMonitor.ts'

/** The header's "monitoring on / off" badge. */
export function MonitoringStatus({ monitor }: { monitor: Monitor }) {
  const { state: running } = usePerformanceMonitor((s) => s.running, { monitor })
  return (
    <span className={`ps-badge ${running ? 'ps-badge--good' : 'ps-badge--muted'}`}>
      {running ? 'Monitoring' : 'Paused'}
    </span>
  )
}
