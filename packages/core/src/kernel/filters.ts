import { isPlainObject, PerfscopeOptionError, checkBoolean } from './options.ts'
import { METRIC_NAMES } from './store.ts'
import type { MetricName } from '../types.ts'

/** Checks `metrics` (per-metric filters) and returns every metric's filter, on unless switched off. */
export function resolveFilters(metrics: unknown): Record<MetricName, boolean> {
  if (metrics !== undefined && !isPlainObject(metrics)) {
    throw new PerfscopeOptionError('metrics', 'must be an object of metric name to boolean', metrics)
  }
  const filters = Object.fromEntries(METRIC_NAMES.map((name) => [name, true])) as Record<MetricName, boolean>
  for (const [name, enabled] of Object.entries(metrics ?? {})) {
    if (!(METRIC_NAMES as readonly string[]).includes(name)) {
      throw new PerfscopeOptionError(`metrics.${name}`, `is not a metric (known: ${METRIC_NAMES.join(', ')})`, name)
    }
    checkBoolean(`metrics.${name}`, enabled, true)
    filters[name as MetricName] = enabled
  }
  return filters
}
