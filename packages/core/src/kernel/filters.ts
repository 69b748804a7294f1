import { isBoolean, mustBeBoolean, objectOf, type Rule } from './optionRules.ts'
import { METRIC_NAMES } from './store.ts'
import type { MetricName } from '../types.ts'

const metricRules = objectOf(
  Object.fromEntries(METRIC_NAMES.map((name) => [name, isBoolean])) as Record<MetricName, Rule<boolean | undefined>>,
  'a metric',
)

/** Checks `metrics` (per-metric filters) and returns every metric's filter, on unless switched off. */
export function resolveFilters(metrics: unknown): Record<MetricName, boolean> {
  const given = metricRules(metrics, 'metrics')
  return Object.fromEntries(METRIC_NAMES.map((name) => [name, given[name] ?? true])) as Record<MetricName, boolean>
}

/**
 * Checks a `setFilter(metric, enabled)` call as the `metrics` option checks `{ [metric]: enabled }`, so both
 * refuse an unknown metric with the same words; `enabled` must be given.
 */
export function checkFilter(metric: unknown, enabled: unknown): void {
  const option = String(metric)
  metricRules({ [option]: enabled }, 'metrics')
  mustBeBoolean(enabled, `metrics.${option}`)
}
