import type { EndpointStats, Snapshot, VitalName } from '../../types.ts'
import type { Breach } from './alerts.ts'
import { resolveBudgetFile, type BudgetFile, type ResolvedBudget } from './budgetFile.ts'
import { CROSS_ORIGIN_P95_MS, ERROR_RATE_THRESHOLDS, SAME_ORIGIN_P95_MS } from '../network/compiledNetworkOptions.ts'
import { VITAL_THRESHOLDS } from './defaults.ts'
import { evaluateThreshold, singleValue, summaryValues, type AggregatedValues, type Aggregation } from './expression.ts'
import { bestMatch, compilePattern, type EndpointPattern } from './pattern.ts'
import type { LiveBudgetRule, AppliedBudget } from '../../types.ts'
export type { LiveBudgetRule, AppliedBudget }

interface PatternBudgets {
  pattern: EndpointPattern
  rules: ResolvedBudget[]
}

/** The budgets of one environment, ready to check against snapshots. */
export interface LiveBudgets {
  vitals: Map<string, ResolvedBudget[]>
  endpoints: PatternBudgets[]
  rules: LiveBudgetRule[]
}

const VITAL_NAMES = Object.keys(VITAL_THRESHOLDS) as VitalName[]
const P75: Aggregation = { kind: 'p', percentile: 75 }
const P95: Aggregation = { kind: 'p', percentile: 95 }
const RATE: Aggregation = { kind: 'rate' }

/** A rating is "good" at or under the first boundary and "poor" over the second, so the budgets hold with `<=`. */
const DEFAULT_VITAL_BUDGETS = new Map(
  VITAL_NAMES.map((name) => {
    const [good, poor] = VITAL_THRESHOLDS[name]
    return [
      `vital.${name}`,
      [atMost(`vital.${name}`, 'warning', P75, good), atMost(`vital.${name}`, 'critical', P75, poor)],
    ]
  }),
)

/**
 * An endpoint without a budget in the file is held to the thresholds its health is judged against (the
 * `network.budgets` entry that matches it, or the same-origin or cross-origin defaults), so the Budgets and Health
 * columns never disagree. Compiled once per distinct pair of thresholds.
 */
const thresholdBudgets = new Map<string, ResolvedBudget[]>()

function endpointDefaults(p95Ms: readonly [number, number], errorRate: readonly [number, number]): ResolvedBudget[] {
  const id = `${p95Ms[0]},${p95Ms[1]},${errorRate[0]},${errorRate[1]}`
  let rules = thresholdBudgets.get(id)
  if (!rules) {
    rules = [
      atMost('*', 'warning', P95, p95Ms[0]),
      atMost('*', 'warning', RATE, errorRate[0]),
      atMost('*', 'critical', P95, p95Ms[1]),
      atMost('*', 'critical', RATE, errorRate[1]),
    ]
    thresholdBudgets.set(id, rules)
  }
  return rules
}

/**
 * A default budget `<aggregation> <= threshold`, built as the parser would build it from its text: the defaults are
 * made at every start-up, and the parser's first run (compiling its pattern) cost about a millisecond there.
 */
function atMost(
  metric: string,
  level: 'warning' | 'critical',
  aggregation: Aggregation,
  threshold: number,
): ResolvedBudget {
  const name = aggregation.kind === 'p' ? `p(${aggregation.percentile})` : aggregation.kind
  return { metric, level, expression: { source: `${name}<=${threshold}`, aggregation, op: '<=', threshold } }
}

/** Reads a budget file for an environment (throws `BudgetFileError` like the CLI) and fills in the defaults. */
export function compileLiveBudgets(file: BudgetFile | undefined, environment: string | undefined): LiveBudgets {
  const resolved = file ? resolveBudgetFile(file, environment) : []
  const vitals = new Map(DEFAULT_VITAL_BUDGETS)
  const byPattern = new Map<string, ResolvedBudget[]>()
  for (const b of resolved) {
    if (b.metric.startsWith('vital.')) continue
    byPattern.set(b.metric, [...(byPattern.get(b.metric) ?? []), b])
  }
  const fromFile = new Set<string>()
  for (const name of VITAL_NAMES) {
    const own = resolved.filter((b) => b.metric === `vital.${name}`)
    if (own.length === 0) continue
    vitals.set(`vital.${name}`, own)
    fromFile.add(`vital.${name}`)
  }
  const endpoints = [...byPattern].map(([metric, rules]) => ({ pattern: compilePattern(metric), rules }))
  const rules: LiveBudgetRule[] = [
    ...[...vitals.values()].flat().map((b) => rule(b, fromFile.has(b.metric) ? 'file' : 'default')),
    ...endpoints.flatMap((e) => e.rules.map((b) => rule(b, 'file'))),
    ...endpointDefaults(SAME_ORIGIN_P95_MS, ERROR_RATE_THRESHOLDS).map((b) =>
      rule({ ...b, metric: 'same-origin endpoints without a budget' }, 'default'),
    ),
    ...endpointDefaults(CROSS_ORIGIN_P95_MS, ERROR_RATE_THRESHOLDS).map((b) =>
      rule({ ...b, metric: 'cross-origin endpoints without a budget' }, 'default'),
    ),
  ]
  return { vitals, endpoints, rules }
}

function rule(b: ResolvedBudget, source: LiveBudgetRule['source']): LiveBudgetRule {
  return { metric: b.metric, level: b.level, expression: b.expression.source, source }
}

/** What each endpoint is checked against: the most specific budget-file pattern, else its health thresholds. */
export function appliedBudgets(budgets: LiveBudgets, endpoints: readonly EndpointStats[]): AppliedBudget[] {
  return endpoints.map((e) => {
    const match = bestMatch(budgets.endpoints, e.key)
    const rules = match?.rules ?? appliedDefaults(e)
    return {
      endpoint: e.key,
      source: match
        ? `budget file: ${match.rules[0]!.metric}`
        : (e.budget?.source ?? (/ \//.test(e.key) ? 'same-origin default' : 'cross-origin default')),
      rules: rules.map((r) => ({ level: r.level, expression: r.expression.source })),
    }
  })
}

/** Every budget broken in `snapshot`: one breach per metric, at the worst level it breaks. */
export function budgetBreaches(budgets: LiveBudgets, snapshot: Pick<Snapshot, 'vitals' | 'endpoints'>): Breach[] {
  const out: Breach[] = []
  for (const name of VITAL_NAMES) {
    const vital = snapshot.vitals[name]
    const rules = budgets.vitals.get(`vital.${name}`)
    if (!vital || !rules) continue
    pushWorst(out, `vital.${name}`, rules, singleValue(vital.value))
  }
  for (const endpoint of snapshot.endpoints) {
    const rules = bestMatch(budgets.endpoints, endpoint.key)?.rules ?? appliedDefaults(endpoint)
    pushWorst(out, endpoint.key, rules, endpointValues(endpoint))
  }
  return out
}

/** The thresholds the endpoint's health uses; for stats without them, the defaults of its origin. */
function appliedDefaults(e: EndpointStats): ResolvedBudget[] {
  if (e.budget) return endpointDefaults(e.budget.p95Ms, e.budget.errorRate)
  return endpointDefaults(/ \//.test(e.key) ? SAME_ORIGIN_P95_MS : CROSS_ORIGIN_P95_MS, ERROR_RATE_THRESHOLDS)
}

/**
 * Latency and errors as health judges them: over the last minute (an endpoint that got fast again recovers), without a
 * warm-up first call, and without any verdict from a first call alone (then the values are empty and pass).
 */
function endpointValues(e: EndpointStats): AggregatedValues {
  const l = e.latencyLastMinute ?? e.latency
  return summaryValues(l, e.count, e.count > 0 ? (e.errorRateLastMinute ?? e.errorRate) : null)
}

function pushWorst(out: Breach[], metric: string, rules: readonly ResolvedBudget[], values: AggregatedValues): void {
  for (const level of ['critical', 'warning'] as const) {
    for (const r of rules) {
      if (r.level !== level) continue
      const result = evaluateThreshold(r.expression, values)
      if (result.status !== 'fail') continue
      out.push({ metric, level, message: `${metric} breaks ${r.expression.source}`, value: result.actual })
      return
    }
  }
}
