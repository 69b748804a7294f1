import type { EndpointStats, Snapshot, VitalName } from '../types.ts'
import type { Breach } from './alerts.ts'
import { resolveBudgetFile, type BudgetFile, type ResolvedBudget } from './budgetFile.ts'
import { API_ERROR_RATE, API_P95_MS, VITAL_THRESHOLDS } from './defaults.ts'
import { evaluateThreshold, parseThreshold, singleValue, summaryValues, type AggregatedValues } from './expression.ts'
import { bestMatch, compilePattern, type EndpointPattern } from './pattern.ts'

/** One budget as it is checked live (`snapshot().budgets.rules`); `source` says whether the file or a default set it. */
export interface LiveBudgetRule {
  metric: string
  level: 'warning' | 'critical'
  expression: string
  source: 'file' | 'default'
}

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

/** A rating is "good" at or under the first boundary and "poor" over the second, so the budgets hold with `<=`. */
const DEFAULT_VITAL_BUDGETS = new Map(
  VITAL_NAMES.map((name) => {
    const [good, poor] = VITAL_THRESHOLDS[name]
    return [`vital.${name}`, [budget(`vital.${name}`, 'warning', `p(75)<=${good}`), budget(`vital.${name}`, 'critical', `p(75)<=${poor}`)]]
  }),
)

/** Same-origin endpoints without a budget of their own get the API defaults. */
const DEFAULT_ENDPOINT_BUDGETS = [
  budget('*', 'warning', `p(95)<=${API_P95_MS[0]}`),
  budget('*', 'warning', `rate<=${API_ERROR_RATE[0]}`),
  budget('*', 'critical', `p(95)<=${API_P95_MS[1]}`),
  budget('*', 'critical', `rate<=${API_ERROR_RATE[1]}`),
]

function budget(metric: string, level: 'warning' | 'critical', source: string): ResolvedBudget {
  return { metric, level, expression: parseThreshold(source) }
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
    ...DEFAULT_ENDPOINT_BUDGETS.map((b) => rule({ ...b, metric: 'same-origin endpoints without a budget' }, 'default')),
  ]
  return { vitals, endpoints, rules }
}

function rule(b: ResolvedBudget, source: LiveBudgetRule['source']): LiveBudgetRule {
  return { metric: b.metric, level: b.level, expression: b.expression.source, source }
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
    const rules = bestMatch(budgets.endpoints, endpoint.key)?.rules ?? (isSameOrigin(endpoint.key) ? DEFAULT_ENDPOINT_BUDGETS : [])
    pushWorst(out, endpoint.key, rules, endpointValues(endpoint))
  }
  return out
}

function isSameOrigin(key: string): boolean {
  return / \//.test(key)
}

/** Latency over the last minute, so that an endpoint that got fast again recovers; the session when that is empty. */
function endpointValues(e: EndpointStats): AggregatedValues {
  const l = e.latencyLastMinute && e.latencyLastMinute.count > 0 ? e.latencyLastMinute : e.latency
  return summaryValues(l, e.count, e.count > 0 ? e.errorRate : null)
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
