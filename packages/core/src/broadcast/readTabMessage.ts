import { arr, BAD, bool, nullable, num, obj, oneOf, optional, record, scalar, str, type Shape } from '../lib/shape.ts'
import type { MonitorAlert } from '../features/budgets/alerts.ts'
import type { ChannelStats, EndpointStats, StatSummary, TaskStats, VitalState } from '../types.ts'
import {
  MAX_ID_CHARS,
  MAX_PATH_CHARS,
  MAX_SHARED_CHANNELS,
  MAX_SHARED_ENDPOINTS,
  MAX_SNAPSHOT_CHARS,
  MAX_TITLE_CHARS,
  TAB_PROTOCOL_VERSION,
  type SharedSnapshot,
  type TabMessage,
} from './protocol.ts'

/** Keys, URLs, reasons: long enough for any real one, short enough to bound what a page keeps. */
const TEXT = 2048
const LIST = 200

const summary: Shape<StatSummary> = obj<StatSummary>({
  count: num,
  min: nullable(num),
  max: nullable(num),
  mean: nullable(num),
  p50: nullable(num),
  p75: nullable(num),
  p90: nullable(num),
  p95: nullable(num),
  p99: nullable(num),
})
const tasks = obj<TaskStats>({ count: num, totalMs: num, duration: summary })
const vital = obj<VitalState>({
  value: num,
  rating: oneOf('good', 'needs-improvement', 'poor'),
  attribution: record(scalar(TEXT), 40),
  at: num,
})
const health = oneOf('healthy', 'degraded', 'failing')
/** A `[warning, critical]` threshold pair. */
const thresholds: Shape<[number, number]> = (v) => {
  if (!Array.isArray(v) || v.length !== 2) return BAD
  const [warning, critical] = v.map(num)
  return warning === BAD || critical === BAD ? BAD : [warning!, critical!]
}
const endpoint = obj<EndpointStats>({
  key: str(TEXT),
  count: num,
  rate: num,
  errors: num,
  errorRate: num,
  latency: summary,
  bytes: num,
  lastStatus: nullable(num),
  health,
  runaway: obj<EndpointStats['runaway']>({
    active: bool,
    reason: nullable(str(TEXT)),
    kind: optional(nullable(oneOf('rate', 'overlap', 'ceiling'))),
  }),
  healthReason: optional(nullable(str(TEXT))),
  pollIntervalMs: optional(nullable(num)),
  aborted: optional(num),
  timeouts: optional(num),
  internal: optional(num),
  inFlight: optional(num),
  backfilled: optional(num),
  budget: optional(
    obj<NonNullable<EndpointStats['budget']>>({
      p95Ms: thresholds,
      errorRate: thresholds,
      source: oneOf('network.budgets', 'same-origin default', 'cross-origin default'),
    }),
  ),
  errorRateLastMinute: optional(num),
  warmupMs: optional(nullable(num)),
  requestBytes: optional(num),
  latencyLastMinute: optional(summary),
  lastUrl: optional(nullable(str(TEXT))),
  serverTiming: optional(arr(obj({ name: str(200), duration: summary }), 20)),
  timing: optional(
    obj<NonNullable<EndpointStats['timing']>>({
      matched: num,
      unavailable: num,
      dns: summary,
      connect: summary,
      ttfb: summary,
      download: summary,
    }),
  ),
  headers: optional(record(str(TEXT), 20, 200)),
})
const channel = obj<ChannelStats>({
  key: str(TEXT),
  kind: oneOf('websocket', 'eventsource'),
  connects: num,
  open: num,
  reconnects: num,
  reconnectsLastMinute: num,
  openTime: summary,
  messagesIn: num,
  messagesOut: num,
  bytesIn: num,
  bytesOut: num,
  errors: num,
  closeCodes: record(num, 40),
  roundTrip: summary,
  health,
  healthReason: nullable(str(TEXT)),
  lastUrl: str(TEXT),
})
const alert = obj<MonitorAlert>({
  id: str(200),
  metric: str(TEXT),
  level: oneOf('warning', 'critical'),
  message: str(TEXT),
  value: nullable(num),
  startedAt: num,
  endedAt: nullable(num),
  acknowledged: bool,
})

const shared: Shape<SharedSnapshot> = obj<SharedSnapshot>({
  vitals: obj<SharedSnapshot['vitals']>({
    LCP: optional(vital),
    INP: optional(vital),
    CLS: optional(vital),
    FCP: optional(vital),
    TTFB: optional(vital),
  }),
  navigation: nullable(obj({ type: str(40), ttfb: num, domContentLoaded: num, load: num, transferSize: num })),
  paint: nullable(obj({ firstPaint: nullable(num), firstContentfulPaint: nullable(num) })),
  routes: arr(obj({ route: str(TEXT), count: num, duration: summary, lastAt: num }), LIST),
  longTasks: tasks,
  longAnimationFrames: tasks,
  layoutShifts: obj({ count: num, total: num, largest: nullable(obj({ value: num, source: nullable(str(TEXT)) })) }),
  events: tasks,
  frames: nullable(obj({ fps: num, droppedFrames: num, frameTime: summary })),
  memory: nullable(
    obj({
      usedJSHeapSize: nullable(num),
      totalJSHeapSize: nullable(num),
      jsHeapSizeLimit: nullable(num),
      domNodes: nullable(num),
      pageBytes: nullable(num),
      leakSuspected: bool,
      at: num,
    }),
  ),
  endpoints: arr(endpoint, MAX_SHARED_ENDPOINTS),
  channels: arr(channel, MAX_SHARED_CHANNELS),
  renders: arr(
    obj({
      id: str(200),
      mounts: num,
      updates: num,
      totalMs: num,
      lastMs: num,
      lastBaseMs: num,
      lastAt: num,
      mount: summary,
      update: summary,
    }),
    LIST,
  ),
  alerts: arr(alert, LIST),
  overhead: obj({ totalMs: num, calls: num, bySource: record(num, 40) }),
  errors: obj({ count: num, recent: arr(obj({ source: str(200), message: str(TEXT), at: num }), 20) }),
})

const id = str(MAX_ID_CHARS)

const envelope: Shape<TabMessage> = (v) => {
  if (typeof v !== 'object' || v === null) return BAD
  const m = v as Record<string, unknown>
  if (m.v !== TAB_PROTOCOL_VERSION) return BAD
  switch (m.type) {
    case 'announce':
    case 'bye':
      return id(m.tab) === BAD ? BAD : { v: TAB_PROTOCOL_VERSION, type: m.type, tab: m.tab as string }
    case 'hello':
    case 'leave':
      return id(m.page) === BAD ? BAD : { v: TAB_PROTOCOL_VERSION, type: m.type, page: m.page as string }
    case 'ack':
      return id(m.page) === BAD || id(m.tab) === BAD
        ? BAD
        : { v: TAB_PROTOCOL_VERSION, type: 'ack', page: m.page as string, tab: m.tab as string }
    case 'snapshot':
      if (id(m.tab) === BAD || str(MAX_TITLE_CHARS)(m.title) === BAD || str(MAX_PATH_CHARS)(m.path) === BAD) return BAD
      if (str(MAX_SNAPSHOT_CHARS)(m.json) === BAD) return BAD
      return {
        v: TAB_PROTOCOL_VERSION,
        type: 'snapshot',
        tab: m.tab as string,
        title: m.title as string,
        path: m.path as string,
        json: m.json as string,
      }
    default:
      return BAD
  }
}

/** A received message with the right shape and bounded sizes, or null (ignored). */
export function readTabMessage(data: unknown): TabMessage | null {
  const message = envelope(data)
  return message === BAD ? null : message
}

/**
 * A snapshot message's data: parsed only when its text is within {@link MAX_SNAPSHOT_CHARS} (checked by
 * {@link readTabMessage}), then rebuilt field by field. Null when it is not JSON or any shared part is malformed.
 */
export function readSharedSnapshot(json: string): SharedSnapshot | null {
  if (json.length > MAX_SNAPSHOT_CHARS) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    return null
  }
  const checked = shared(parsed)
  return checked === BAD ? null : checked
}
