export { createMonitor } from './createMonitor.ts'
export { subscribeSelected } from './kernel/subscribeSelected.ts'
export type { Monitor } from './createMonitor.ts'
export { PerfscopeOptionError } from './kernel/options.ts'
export type { MonitorOptions } from './kernel/options.ts'
export { networkSource } from './features/network/networkSource.ts'
export type { EndpointBudgetOption, NetworkOptions } from './features/network/networkOptions.ts'
export { endpointKey, routeOfPath } from './features/network/endpointKey.ts'
export { sanitizeUrl, sanitizeQuery, UNPARSABLE_URL } from './privacy/sanitizeUrl.ts'
export { sanitizePath } from './privacy/sanitizePath.ts'
export { EMAIL_PLACEHOLDER, ID_PLACEHOLDER, segmentPlaceholder, TOKEN_PLACEHOLDER } from './privacy/segmentPlaceholder.ts'
export { DROP_ALL_VALUES, queryPolicy, SECRET_NAME_FRAGMENTS, SECRET_NAME_WORDS } from './privacy/queryPolicy.ts'
export type { QueryPolicy } from './privacy/queryPolicy.ts'
export { DEFAULT_LEARN_THRESHOLD, LEARNED_PLACEHOLDER } from './privacy/routeLearner.ts'
export { parseServerTiming } from './features/network/serverTiming.ts'
export type { ServerTimingEntry } from './features/network/serverTiming.ts'
export type { MonitorContext, MonitorSettings, Source } from './kernel/source.ts'
export type { MonitorStore } from './kernel/store.ts'
export { RequestHooks } from './features/network/requestHooks.ts'
export type {
  FinishedListener,
  FinishedRequest,
  OutgoingRequest,
  RequestDecorator,
  RequestFault,
} from './features/network/requestHooks.ts'
export { NetworkFault } from './features/network/faultInjection.ts'
export type { NetworkFaultOptions } from './features/network/faultInjection.ts'
export { METRIC_NAMES } from './kernel/store.ts'
export { Histogram, HISTOGRAM_RELATIVE_ACCURACY } from './stats/histogram.ts'
export { RollingHistogram, WindowedHistogram } from './stats/rollingHistogram.ts'
export { RingBuffer } from './lib/ringBuffer.ts'
export type {
  EndpointHealth,
  ChannelStats,
  EndpointStats,
  ResourceTimingDetail,
  FrameStats,
  MemoryStats,
  MetricName,
  MonitorError,
  NavigationTiming,
  Overhead,
  Rating,
  RenderPhase,
  RenderStats,
  RouteStats,
  Sample,
  Snapshot,
  SnapshotListener,
  StatSummary,
  Support,
  TransportStats,
  TaskStats,
  VitalName,
  VitalState,
  WindowedStats,
} from './types.ts'
export { parseThreshold, evaluateThreshold, ThresholdSyntaxError } from './features/budgets/expression.ts'
export type {
  AggregatedValues,
  Aggregation,
  Comparison,
  ThresholdExpression,
  ThresholdResult,
} from './features/budgets/expression.ts'
export {
  BATCH_FORMAT_VERSION,
  BatchDecodeError,
  decodeBatch,
  encodeBatch,
  VALUE_PRECISION,
} from './features/transport/codec.ts'
export type { Batch, BatchDecodeReason, DecodeOptions, EncodeInput } from './features/transport/codec.ts'
export { BATCH_HEADER } from './features/transport/piggyback.ts'
export { ANNOUNCEMENT_NAME, formatAnnouncement, parseAnnouncement } from './features/transport/announcement.ts'
export type { Announcement } from './features/transport/announcement.ts'
export { DEFAULT_METRICS_ENDPOINT } from './features/transport/options.ts'
export type { TransportOptions } from './features/transport/options.ts'
export { LoadScenarioError } from './features/load/errors.ts'
export { DEFAULT_LOAD_LIMITS, isDevelopmentHost } from './features/load/safety.ts'
export type { LoadLimits } from './features/load/safety.ts'
export type { ExecutorName, LoadRequest, LoadScenario, LoadStage, VirtualUser } from './features/load/scenario.ts'
export type { LoadOptions } from './features/load/loadOptions.ts'
export type { LoadSimulator, LoadState } from './features/load/loadSimulator.ts'
export type { LoadProgress, LoadRunResult, LoadRunStatus } from './features/load/runTypes.ts'
export { LOAD_HEADER } from './features/load/runTypes.ts'
export type { LoadEndpointResult, LoadErrorKind, LoadSecond, LoadThresholdResult, LatencySummary } from './features/load/results.ts'
export { RELEASE_SETTLE_MS } from './features/load/memoryPressure.ts'
export type { MemoryPressureResult, MemoryPressureSpec } from './features/load/memoryPressure.ts'
export type { SlowNetworkFault, SlowNetworkResult } from './features/load/slowNetwork.ts'
export { PRESET_NAMES, presetScenario } from './features/load/presets.ts'
export type { ObservedEndpoint, PresetName } from './features/load/presets.ts'
export { exportReport, EXPORT_FORMATS } from './features/export/exportReport.ts'
export type { ExportFormat, ExportOptions } from './features/export/exportReport.ts'
export { buildReport, REPORT_VERSION } from './features/export/report.ts'
export { renderHtmlReport } from './report/htmlReport.ts'
export type { HtmlReportOptions } from './report/htmlReport.ts'
export { readReportSource, ReportInputError } from './report/reportInput.ts'
export type { ReportSource } from './report/reportInput.ts'
export type { LoggedRequest, PerfReport } from './features/export/report.ts'
export { VITAL_THRESHOLDS, API_ERROR_RATE, API_P95_MS } from './features/budgets/defaults.ts'
export { BudgetFileError, resolveBudgetFile } from './features/budgets/budgetFile.ts'
export type { Budget, BudgetFile, ResolvedBudget } from './features/budgets/budgetFile.ts'
export { compareReports, evaluateBudgets, REGRESSION_TOLERANCE } from './features/budgets/evaluate.ts'
export type { BudgetRow, Regression } from './features/budgets/evaluate.ts'
export { MAX_ENDED_ALERTS } from './features/budgets/alerts.ts'
export type { AlertLevel, MonitorAlert } from './features/budgets/alerts.ts'
export { STANDARD_ENVIRONMENTS } from './features/budgets/budgetOptions.ts'
export type { BudgetOptions } from './features/budgets/budgetOptions.ts'
export type { BudgetState } from './features/budgets/budgetWatcher.ts'
export type { AppliedBudget } from './features/budgets/liveBudgets.ts'
export type { LiveBudgetRule } from './features/budgets/liveBudgets.ts'
export { QUOTA_CRITICAL_FRACTION, QUOTA_WARNING_FRACTION } from './features/budgets/quotas.ts'
export type { QuotaOption, QuotaUse } from './features/budgets/quotas.ts'
export { COST_ALERT_FRACTIONS, MIN_OBSERVED_MS, MONTH_MS } from './features/budgets/cost.ts'
export type { CostModel, CostPrice, CostProjection, CostState, EndpointCost } from './features/budgets/cost.ts'
export { MAX_STORED_RUNS } from './features/history/loadRuns.ts'
export { MAX_CONNECTION_ATTEMPTS } from './features/history/connection.ts'
export type { History, HistoryOptions, HistoryState } from './features/history/history.ts'
export type { DayRecord } from './features/history/historyStore.ts'
export { shareSnapshots } from './broadcast/shareSnapshots.ts'
export type { ShareSnapshotsOptions } from './broadcast/shareSnapshots.ts'
export { watchTabs } from './broadcast/watchTabs.ts'
export type { TabWatcher, WatchTabsOptions } from './broadcast/watchTabs.ts'
export { mergeTabs } from './broadcast/mergeTabs.ts'
export { PUBLISH_INTERVAL_MS, SHARED_FIELDS, TAB_CHANNEL } from './broadcast/protocol.ts'
export type { SharedSnapshot, SharedTab } from './broadcast/protocol.ts'
export { emptySharedSnapshot, sharedFromDay } from './broadcast/sharedFromDay.ts'
