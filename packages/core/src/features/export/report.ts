import type { LoadRunResult } from '../load/runTypes.ts'
import { sanitizeUrl } from '../../privacy/sanitizeUrl.ts'
import type {
  ChannelStats,
  EndpointStats,
  Rating,
  RouteStats,
  Snapshot,
  StatSummary,
  TaskStats,
  VitalName,
} from '../../types.ts'

/** One request in the network log (HAR's source): its endpoint key, never the URL. */
export interface LoggedRequest {
  endpoint: string
  /** Epoch ms. */
  startedAt: number
  durationMs: number
  status: number | null
  kind: string
}

/** The state a report is built from, read at once (history builds its report itself, with its own code). */
export interface ReportState {
  snapshot: Snapshot
  requests: LoggedRequest[]
}

/** What a report is built from: the state as it is, and what brings it up to date first. */
export interface ReportInput {
  /** Folds what sources hold back (`Kernel.collect()`); settles once lazy sources still loading have folded too. */
  collect(): Promise<void>
  /** True while lazy sources are still loading (`Kernel.loading`): the state misses what they will fold. */
  loading(): boolean
  /** The state now, without collecting. */
  reportState(): ReportState
}

/**
 * The versioned JSON report: everything the monitor knows, as plain data. `npx perfscope check` reads it, and so
 * can any tool; `version` changes only when a field changes meaning or goes away.
 */
export interface PerfReport {
  schema: 'perfscope-report'
  version: 1
  generatedAt: string
  /** The page's origin and sanitised path (ids as placeholders; no query or fragment: they may hold secrets). */
  page: string | null
  vitals: Partial<Record<VitalName, { value: number; rating: Rating; attribution: Record<string, unknown> }>>
  endpoints: EndpointStats[]
  channels: ChannelStats[]
  routes: RouteStats[]
  longTasks: TaskStats
  memory: Snapshot['memory']
  overhead: Snapshot['overhead']
  errors: Snapshot['errors']
  requests: LoggedRequest[]
  load: LoadRunResult | null
}

export const REPORT_VERSION = 1

/** Builds the report from a snapshot and the network log. */
export function buildReport(snapshot: Snapshot, requests: readonly LoggedRequest[], now = new Date()): PerfReport {
  const vitals: PerfReport['vitals'] = {}
  for (const [name, v] of Object.entries(snapshot.vitals)) {
    if (v) vitals[name as VitalName] = { value: v.value, rating: v.rating, attribution: v.attribution }
  }
  return {
    schema: 'perfscope-report',
    version: REPORT_VERSION,
    generatedAt: now.toISOString(),
    page: typeof location === 'undefined' ? null : sanitizeUrl(`${location.origin}${location.pathname}`),
    vitals,
    endpoints: snapshot.endpoints,
    channels: snapshot.channels,
    routes: snapshot.routes,
    longTasks: snapshot.longTasks,
    memory: snapshot.memory,
    overhead: snapshot.overhead,
    errors: snapshot.errors,
    requests: [...requests],
    load: snapshot.load?.last ?? null,
  }
}

/** The latency summary an endpoint figure is checked against; a load result's endpoints map onto the same fields. */
export interface EndpointFigures {
  key: string
  count: number
  errorRate: number
  latency: Partial<StatSummary>
}

/** Endpoint figures of a report or of a load-run result (both are accepted by the CLI). */
export function endpointFigures(input: PerfReport | LoadRunResult): EndpointFigures[] {
  if ('schema' in input) {
    const fromApp = input.endpoints.map((e) => ({
      key: e.key,
      count: e.count,
      errorRate: e.errorRate,
      latency: e.latency,
    }))
    return input.load
      ? [...fromApp, ...endpointFigures(input.load).filter((e) => !fromApp.some((a) => a.key === e.key))]
      : fromApp
  }
  return input.endpoints.map((e) => ({
    key: e.key,
    count: e.requests,
    errorRate: e.requests ? e.errors / e.requests : 0,
    latency: {
      count: e.requests,
      p50: e.latency.p50,
      p90: e.latency.p90,
      p95: e.latency.p95,
      p99: e.latency.p99,
      max: e.latency.max,
      mean: e.latency.avg,
    },
  }))
}
