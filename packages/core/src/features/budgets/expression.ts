/**
 * k6-style threshold expressions, shared by budgets and the load simulator:
 * `p(95)<2000`, `avg<500`, `med<=300`, `min>0`, `max<5000`, `rate<0.01`, `count>100`.
 * See https://grafana.com/docs/k6/latest/using-k6/thresholds/ for the syntax this follows.
 */

export type Aggregation = { kind: 'p'; percentile: number } | { kind: 'avg' | 'med' | 'min' | 'max' | 'count' | 'rate' }

export type Comparison = '<' | '<=' | '>' | '>=' | '==' | '!='

export interface ThresholdExpression {
  /** The expression as written, for messages. */
  source: string
  aggregation: Aggregation
  op: Comparison
  threshold: number
}

/** The aggregated values an expression is checked against; absent values make the check "no data". */
export interface AggregatedValues {
  avg?: number | null
  med?: number | null
  min?: number | null
  max?: number | null
  count?: number | null
  rate?: number | null
  /** The value at a percentile 0..100. */
  p?: (percentile: number) => number | null
}

/** The aggregations of one value: a vital is one value per page view, so every aggregation of it is that value. */
export function singleValue(v: number): AggregatedValues {
  return { avg: v, med: v, min: v, max: v, count: 1, p: () => v }
}

const PERCENTILE_FIELDS: Record<number, 'p50' | 'p75' | 'p90' | 'p95' | 'p99'> = {
  50: 'p50',
  75: 'p75',
  90: 'p90',
  95: 'p95',
  99: 'p99',
}

/** A latency summary's fields, as far as it has them. */
export type LatencyFields = Partial<
  Record<'mean' | 'min' | 'max' | 'p50' | 'p75' | 'p90' | 'p95' | 'p99', number | null>
>

/**
 * The aggregations a latency summary holds (ms), with the call count and error rate beside them. A summary keeps
 * p50/p75/p90/p95/p99 and max; other percentiles are no-data rather than a guess.
 */
export function summaryValues(latency: LatencyFields, count: number, rate: number | null): AggregatedValues {
  return {
    avg: latency.mean ?? null,
    med: latency.p50 ?? null,
    min: latency.min ?? null,
    max: latency.max ?? null,
    count,
    rate,
    p: (q) => {
      if (q === 100) return latency.max ?? null
      const field = PERCENTILE_FIELDS[q]
      return field ? (latency[field] ?? null) : null
    },
  }
}

/** Thrown for an expression that does not parse; `message` names the expression and the rule it breaks. */
export class ThresholdSyntaxError extends SyntaxError {
  override name = 'ThresholdSyntaxError'
  constructor(
    readonly expression: string,
    rule: string,
  ) {
    super(`perfscope: threshold "${expression}" ${rule}`)
  }
}

const PATTERN =
  /^\s*(p\(\s*(\d+(?:\.\d+)?)\s*\)|avg|med|min|max|count|rate)\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i

/** Parses one expression, or throws a {@link ThresholdSyntaxError} that says what is wrong. */
export function parseThreshold(expression: string): ThresholdExpression {
  if (typeof expression !== 'string') {
    throw new ThresholdSyntaxError(String(expression), 'must be a string such as "p(95)<2000"')
  }
  const match = PATTERN.exec(expression)
  if (!match) {
    throw new ThresholdSyntaxError(
      expression,
      'is not of the form <aggregation><operator><number>, with aggregation one of p(N), avg, med, min, max, count, rate (e.g. "p(95)<2000", "rate<0.01")',
    )
  }
  const [, agg, percentile, op, value] = match
  let aggregation: Aggregation
  if (percentile !== undefined) {
    const p = Number(percentile)
    if (!(p > 0 && p <= 100)) throw new ThresholdSyntaxError(expression, `has percentile ${p}; it must be in (0, 100]`)
    aggregation = { kind: 'p', percentile: p }
  } else {
    aggregation = { kind: agg!.toLowerCase() as 'avg' | 'med' | 'min' | 'max' | 'count' | 'rate' }
  }
  const threshold = Number(value)
  if (aggregation.kind === 'rate' && (threshold < 0 || threshold > 1)) {
    throw new ThresholdSyntaxError(expression, `compares a rate with ${threshold}; rates are fractions from 0 to 1`)
  }
  return { source: expression.trim(), aggregation, op: op as Comparison, threshold }
}

/** The value an expression looks at, or null when there is no data for it. */
export function aggregatedValue(expression: ThresholdExpression, values: AggregatedValues): number | null {
  const a = expression.aggregation
  const v = a.kind === 'p' ? (values.p?.(a.percentile) ?? null) : (values[a.kind] ?? null)
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

/** True when `value` satisfies the expression (so `p(95)<2000` passes for 1500). */
export function compare(value: number, op: Comparison, threshold: number): boolean {
  switch (op) {
    case '<':
      return value < threshold
    case '<=':
      return value <= threshold
    case '>':
      return value > threshold
    case '>=':
      return value >= threshold
    case '==':
      return value === threshold
    case '!=':
      return value !== threshold
  }
}

export interface ThresholdResult {
  expression: string
  /** `pass` / `fail`, or `no-data` when nothing was measured for it. */
  status: 'pass' | 'fail' | 'no-data'
  actual: number | null
}

/** Checks one parsed expression against aggregated values. */
export function evaluateThreshold(expression: ThresholdExpression, values: AggregatedValues): ThresholdResult {
  const actual = aggregatedValue(expression, values)
  if (actual === null) return { expression: expression.source, status: 'no-data', actual }
  return {
    expression: expression.source,
    status: compare(actual, expression.op, expression.threshold) ? 'pass' : 'fail',
    actual,
  }
}
