export { createMonitor } from './createMonitor'
export type { Monitor } from './createMonitor'
export { PerfscopeOptionError } from './options'
export type { MonitorOptions } from './options'
export type { MonitorContext, Source } from './source'
export type { MonitorStore } from './store'
export { METRIC_NAMES } from './store'
export { Histogram, HISTOGRAM_RELATIVE_ACCURACY } from './stats/histogram'
export { RollingHistogram, WindowedHistogram } from './stats/rollingHistogram'
export { RingBuffer } from './lib/ringBuffer'
export type {
  EndpointHealth,
  EndpointStats,
  FrameStats,
  MemoryStats,
  MetricName,
  MonitorError,
  NavigationTiming,
  Overhead,
  Rating,
  RouteStats,
  Sample,
  Snapshot,
  SnapshotListener,
  StatSummary,
  Support,
  TaskStats,
  VitalName,
  VitalState,
  WindowedStats,
} from './types'
export { parseThreshold, evaluateThreshold, ThresholdSyntaxError } from './budgets/expression'
export type {
  AggregatedValues,
  Aggregation,
  Comparison,
  ThresholdExpression,
  ThresholdResult,
} from './budgets/expression'
