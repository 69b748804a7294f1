import type { EndpointStats } from '../../types.ts'
import type { Breach } from './alerts.ts'
import { compilePattern, type EndpointPattern } from './pattern.ts'
import type { QuotaUse } from '../../types.ts'
export type { QuotaUse }

/** A call budget for every endpoint whose key matches `match` (an exact key or a glob such as `GET /api/*`), summed. */
export interface QuotaOption {
  match: string
  perMinute?: number
  perHour?: number
}

/** A quota used to 80 % warns, so there is time to act before calls start being refused at 100 %. */
export const QUOTA_WARNING_FRACTION = 0.8
export const QUOTA_CRITICAL_FRACTION = 1

const MINUTE_MS = 60_000
/** One bucket per minute for the longest window (an hour), plus the one sliding out of it. */
const BUCKETS = 61

interface CompiledQuota {
  option: QuotaOption
  pattern: EndpointPattern
  /** Calls per minute bucket, indexed by `minute % BUCKETS`. */
  buckets: Float64Array
  /** The minute each bucket holds, so stale buckets read as empty. */
  minutes: Float64Array
}

/**
 * Counts calls per quota from the endpoints' growing counts. A sliding window is estimated from one-minute
 * buckets: the full minutes inside it plus the oldest bucket weighted by how much of it is still inside
 * (the sliding-window counter most API gateways use). Memory is fixed: 61 buckets per quota.
 */
export class QuotaMeter {
  private readonly quotas: CompiledQuota[]
  private readonly lastCounts = new Map<string, number>()

  constructor(options: readonly QuotaOption[]) {
    this.quotas = options.map((option) => ({
      option,
      pattern: compilePattern(option.match),
      buckets: new Float64Array(BUCKETS),
      minutes: new Float64Array(BUCKETS).fill(-1),
    }))
  }

  /** Adds the calls made since the last update (epoch-ms `now`) and returns every quota's use. */
  update(endpoints: readonly EndpointStats[], now: number): QuotaUse[] {
    const minute = Math.floor(now / MINUTE_MS)
    for (const e of endpoints) {
      const calls = e.count - (this.lastCounts.get(e.key) ?? 0)
      this.lastCounts.set(e.key, e.count)
      if (calls <= 0) continue
      for (const q of this.quotas) if (q.pattern.matches(e.key)) add(q, minute, calls)
    }
    const out: QuotaUse[] = []
    for (const q of this.quotas) {
      for (const [window, limit, minutes] of [
        ['minute', q.option.perMinute, 1],
        ['hour', q.option.perHour, 60],
      ] as const) {
        if (limit === undefined) continue
        const used = Math.round(usedOver(q, minutes, now))
        out.push({ match: q.option.match, window, limit, used, fraction: limit > 0 ? used / limit : 0 })
      }
    }
    return out
  }
}

function add(q: CompiledQuota, minute: number, calls: number): void {
  const i = minute % BUCKETS
  if (q.minutes[i] !== minute) {
    q.minutes[i] = minute
    q.buckets[i] = 0
  }
  q.buckets[i]! += calls
}

function usedOver(q: CompiledQuota, minutes: number, now: number): number {
  const current = Math.floor(now / MINUTE_MS)
  const intoCurrent = (now % MINUTE_MS) / MINUTE_MS
  let sum = 0
  for (let m = current - minutes; m <= current; m++) {
    const i = ((m % BUCKETS) + BUCKETS) % BUCKETS
    if (q.minutes[i] !== m) continue
    sum += m === current - minutes ? q.buckets[i]! * (1 - intoCurrent) : q.buckets[i]!
  }
  return sum
}

/** A quota used to 80 % is a warning, to 100 % critical. */
export function quotaBreaches(uses: readonly QuotaUse[]): Breach[] {
  const out: Breach[] = []
  for (const u of uses) {
    if (u.fraction < QUOTA_WARNING_FRACTION) continue
    const level = u.fraction >= QUOTA_CRITICAL_FRACTION ? 'critical' : 'warning'
    const share = level === 'critical' ? '100 %' : '80 %'
    out.push({
      metric: `quota ${u.match} per ${u.window}`,
      level,
      message: `${u.match} used ${share} of its ${u.limit} calls per ${u.window}`,
      value: u.used,
    })
  }
  return out
}
