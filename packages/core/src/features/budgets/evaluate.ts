import type { LoadRunResult } from '../load/runTypes.ts'
import { endpointFigures, type PerfReport } from '../export/report.ts'
import type { Rating, VitalName } from '../../types.ts'
import type { ResolvedBudget } from './budgetFile.ts'
import { evaluateThreshold, singleValue, summaryValues, type AggregatedValues } from './expression.ts'

export interface BudgetRow {
  metric: string
  level: 'warning' | 'critical'
  expression: string
  actual: number | null
  status: 'pass' | 'fail' | 'no-data'
}

/** The values a budget on `metric` is checked against in a report or load result, or null when absent. */
export function valuesFor(metric: string, input: PerfReport | LoadRunResult): AggregatedValues | null {
  if (metric.startsWith('vital.')) {
    const vital = 'schema' in input ? input.vitals[metric.slice(6) as VitalName] : undefined
    return vital ? singleValue(vital.value) : null
  }
  const e = endpointFigures(input).find((f) => f.key === metric)
  return e ? summaryValues(e.latency, e.count, e.errorRate) : null
}

/** Checks every budget; a metric the report does not have is `no-data`, never a pass. */
export function evaluateBudgets(budgets: readonly ResolvedBudget[], input: PerfReport | LoadRunResult): BudgetRow[] {
  return budgets.map((b) => {
    const values = valuesFor(b.metric, input)
    const result = values ? evaluateThreshold(b.expression, values) : { status: 'no-data' as const, actual: null }
    return {
      metric: b.metric,
      level: b.level,
      expression: b.expression.source,
      actual: result.actual,
      status: result.status,
    }
  })
}

export interface Regression {
  metric: string
  what: string
  baseline: number | string
  current: number | string
}

const RATING_ORDER: Record<Rating, number> = { good: 0, 'needs-improvement': 1, poor: 2 }
/** A p95 / p99 worse, or throughput lower, by more than this fraction is a regression. */
export const REGRESSION_TOLERANCE = 0.1

/** Regressions of `current` against `baseline`: p95/p99 worse by > 10 %, throughput lower by > 10 %, a vital whose rating dropped. */
export function compareReports(
  baseline: PerfReport | LoadRunResult,
  current: PerfReport | LoadRunResult,
): Regression[] {
  const out: Regression[] = []
  const before = new Map(endpointFigures(baseline).map((e) => [e.key, e]))
  for (const now of endpointFigures(current)) {
    const then = before.get(now.key)
    if (!then) continue
    for (const p of ['p95', 'p99'] as const) {
      const a = then.latency[p]
      const b = now.latency[p]
      if (a != null && b != null && a > 0 && (b - a) / a > REGRESSION_TOLERANCE) {
        out.push({ metric: now.key, what: `${p} latency`, baseline: round(a), current: round(b) })
      }
    }
    if (then.count > 0 && (then.count - now.count) / then.count > REGRESSION_TOLERANCE) {
      out.push({ metric: now.key, what: 'throughput (requests)', baseline: then.count, current: now.count })
    }
  }
  if ('schema' in baseline && 'schema' in current) {
    for (const [name, then] of Object.entries(baseline.vitals)) {
      const now = current.vitals[name as VitalName]
      if (then && now && RATING_ORDER[now.rating] > RATING_ORDER[then.rating]) {
        out.push({ metric: `vital.${name}`, what: 'rating', baseline: then.rating, current: now.rating })
      }
    }
  }
  return out
}

function round(n: number): number {
  return Math.round(n * 10) / 10
}
