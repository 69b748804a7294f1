'use client'
/**
 * `@perfscope/react/production`: the same API as the main entry, with an overlay that renders in production
 * builds too (for staging or an internal `/dev/performance` page you choose to ship).
 */
export { StartedOverlay as PerfOverlay } from './StartedOverlay.tsx'
export { FIRST_CHART_MARK, PANEL_OPEN_MARK } from './panel/marks.ts'
export { PerfProfiler } from './PerfProfiler.tsx'
export { PerfscopeProvider } from './PerfscopeProvider.tsx'
export { usePerformanceMonitor } from './usePerformanceMonitor.ts'
export { getDefaultMonitor } from './monitorContext.ts'
export { retainTimeline, Timeline, TIMELINE_CAPACITY, TIMELINE_SERIES } from './timeline/timeline.ts'
export type { PerfOverlayProps, OverlayPosition, TabId } from './overlay/types.ts'
export type { PerfProfilerProps } from './PerfProfiler.tsx'
export type { PerfscopeProviderProps } from './PerfscopeProvider.tsx'
export type { PerformanceMonitorApi, UsePerformanceMonitorOptions } from './usePerformanceMonitor.ts'
export type { TimelinePoint, TimelineSeries } from './timeline/timeline.ts'
