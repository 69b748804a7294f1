import type { LoadRunResult } from '../load/runTypes.ts'
import type { EndpointStats } from '../../types.ts'
import type { Breach } from './alerts.ts'
import { bestMatch, compilePattern, type EndpointPattern } from './pattern.ts'
import type { EndpointCost, CostProjection, CostState } from '../../types.ts'
export type { EndpointCost, CostProjection, CostState }

/** What calls to the endpoints matching `match` (an exact key or a glob) cost: per 1 000 calls and / or per GB moved. */
export interface CostPrice {
  match: string
  per1000Calls?: number
  /** Per 10⁹ bytes sent and received, as cloud providers bill. */
  perGB?: number
}

/** The cost model: prices per endpoint pattern, and the monthly budget that alerts at 50 %, 80 % and 100 %. */
export interface CostModel {
  prices: CostPrice[]
  monthlyBudget?: number
  /** Shown beside the figures (default `USD`); no conversion is made. */
  currency?: string
}

/** A month, for projections: 30 days. */
export const MONTH_MS = 30 * 86_400_000
/**
 * A projection needs at least this much observed time: ten calls in the first two seconds extrapolated to a
 * month would be a scare, not a forecast. Shorter sessions count as this long.
 */
export const MIN_OBSERVED_MS = 60_000
/** Alert levels against the monthly budget: half of it and 80 % warn, reaching it is critical. */
export const COST_ALERT_FRACTIONS = [0.5, 0.8, 1] as const

interface CompiledPrice {
  price: CostPrice
  pattern: EndpointPattern
}

export function compilePrices(model: CostModel): CompiledPrice[] {
  return model.prices.map((price) => ({ price, pattern: compilePattern(price.match) }))
}

function costOf(price: CostPrice, monthlyCalls: number, monthlyBytes: number): number {
  return (monthlyCalls / 1000) * (price.per1000Calls ?? 0) + (monthlyBytes / 1e9) * (price.perGB ?? 0)
}

/** One endpoint's row of a projection: its calls and bytes in a month, at `price`. */
function costRow(key: string, price: CostPrice, monthlyCalls: number, monthlyBytes: number): EndpointCost {
  return { key, match: price.match, monthlyCalls, monthlyBytes, monthly: costOf(price, monthlyCalls, monthlyBytes) }
}

function projection(rows: EndpointCost[]): CostProjection {
  const byEndpoint = rows.sort((a, b) => b.monthly - a.monthly)
  return { projectedMonthly: byEndpoint.reduce((sum, r) => sum + r.monthly, 0), byEndpoint }
}

/**
 * The app's own traffic projected to a month: each priced endpoint's calls and bytes over the observed time
 * (since `start()`, at least {@link MIN_OBSERVED_MS}), times 30 days over that time.
 */
export function projectObserved(
  prices: readonly CompiledPrice[],
  endpoints: readonly EndpointStats[],
  observedMs: number,
): CostProjection {
  const scale = MONTH_MS / Math.max(observedMs, MIN_OBSERVED_MS)
  const rows: EndpointCost[] = []
  for (const e of endpoints) {
    const match = bestMatch(prices, e.key)
    if (!match) continue
    rows.push(costRow(e.key, match.price, e.count * scale, (e.bytes + (e.requestBytes ?? 0)) * scale))
  }
  return projection(rows)
}

/**
 * A load run's rate held for a month: each endpoint's requests per second times 30 days. A run's results carry no
 * sizes, so bytes per call are the app's own average for that endpoint (0 when the app never called it).
 */
export function projectLoadRun(
  prices: readonly CompiledPrice[],
  run: LoadRunResult,
  endpoints: readonly EndpointStats[],
): CostProjection {
  const rows: EndpointCost[] = []
  for (const e of run.endpoints) {
    const match = bestMatch(prices, e.key)
    if (!match) continue
    const seen = endpoints.find((x) => x.key === e.key)
    const bytesPerCall = seen && seen.count > 0 ? (seen.bytes + (seen.requestBytes ?? 0)) / seen.count : 0
    const monthlyCalls = e.rps * (MONTH_MS / 1000)
    rows.push(costRow(e.key, match.price, monthlyCalls, monthlyCalls * bytesPerCall))
  }
  return projection(rows)
}

/** Breaches of the monthly budget by the observed projection and by the last load run's projection. */
export function costBreaches(state: CostState): Breach[] {
  const out: Breach[] = []
  const check = (metric: string, what: string, fraction: number | null, value: number) => {
    if (fraction === null) return
    const reached = [...COST_ALERT_FRACTIONS].reverse().find((f) => fraction >= f)
    if (reached === undefined) return
    out.push({
      metric,
      level: reached >= 1 ? 'critical' : 'warning',
      message: `${what} reaches ${reached * 100} % of the monthly budget (${state.budget} ${state.currency})`,
      value,
    })
  }
  check('cost observed', 'Projected monthly cost', state.fraction, state.projectedMonthly)
  if (state.loadRun)
    check(
      'cost load run',
      `Monthly cost at the rate of load run ${state.loadRun.runId}`,
      state.loadRun.fraction,
      state.loadRun.projectedMonthly,
    )
  return out
}
