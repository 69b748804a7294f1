import type { MetricName } from '../types.ts'
import { METRIC_NAMES } from './store.ts'
import type { Source } from './source.ts'
import { resolveNetworkOptions, type NetworkOptions } from '../features/network/networkOptions.ts'
import type { TransportOptions } from '../features/transport/options.ts'
import type { LoadOptions } from '../features/load/loadOptions.ts'
import type { HistoryOptions } from '../features/history/history.ts'
import type { BudgetOptions } from '../features/budgets/budgetOptions.ts'

/** Options of {@link createMonitor}. Every option is optional; wrong types are rejected with a clear error. */
export interface MonitorOptions {
  /** Per-metric filters: `false` means the metric is not collected at all. All metrics are on by default. */
  metrics?: Partial<Record<MetricName, boolean>>
  /** Daily history in IndexedDB (on by default); `now` moves the clock for tests. */
  history?: HistoryOptions
  /** What the load simulator may do: allowed origins, the non-development opt-in, raised caps. */
  load?: LoadOptions
  /** Piggybacked transport of samples to the server (on by default). */
  transport?: TransportOptions
  /** Replaces the built-in sources (for tests and advanced setups). */
  sources?: readonly Source[]
  /** Network interceptors: redaction, captured headers, route templates, budgets, runaway ceiling. */
  network?: NetworkOptions
  /** Live budgets (a budget file and its environment), call quotas and a cost model, checked as the app runs. */
  budgets?: BudgetOptions
}

/** Thrown by {@link createMonitor} for an option of the wrong type or value; names the option and the rule. */
export class PerfscopeOptionError extends TypeError {
  override name = 'PerfscopeOptionError'
  constructor(
    readonly option: string,
    rule: string,
    received: unknown,
  ) {
    super(`perfscope: option "${option}" ${rule}, got ${describe(received)}`)
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Checks the options a monitor is created with and resolves the per-metric filters. */
export function resolveFilters(options: unknown): Record<MetricName, boolean> {
  if (options !== undefined && !isPlainObject(options)) {
    throw new PerfscopeOptionError('options', 'must be an object', options)
  }
  const metrics = options?.metrics
  if (metrics !== undefined && !isPlainObject(metrics)) {
    throw new PerfscopeOptionError('metrics', 'must be an object of metric name to boolean', metrics)
  }
  const filters = Object.fromEntries(METRIC_NAMES.map((name) => [name, true])) as Record<MetricName, boolean>
  for (const [name, enabled] of Object.entries(metrics ?? {})) {
    if (!(METRIC_NAMES as readonly string[]).includes(name)) {
      throw new PerfscopeOptionError(`metrics.${name}`, `is not a metric (known: ${METRIC_NAMES.join(', ')})`, name)
    }
    if (typeof enabled !== 'boolean') {
      throw new PerfscopeOptionError(`metrics.${name}`, 'must be a boolean', enabled)
    }
    filters[name as MetricName] = enabled
  }
  const history = options?.history
  if (history !== undefined && !isPlainObject(history)) throw new PerfscopeOptionError('history', 'must be an object', history)
  if (history?.enabled !== undefined && typeof history.enabled !== 'boolean') {
    throw new PerfscopeOptionError('history.enabled', 'must be a boolean', history.enabled)
  }
  if (history?.now !== undefined && typeof history.now !== 'function') {
    throw new PerfscopeOptionError('history.now', 'must be a function returning epoch milliseconds', history.now)
  }
  const sources = options?.sources
  if (sources !== undefined && !Array.isArray(sources)) {
    throw new PerfscopeOptionError('sources', 'must be an array of sources', sources)
  }
  resolveNetworkOptions(options?.network)
  return filters
}

/**
 * Reads an allow-list of origins (`["https://api.example.test"]`), normalised with `new URL(…).origin` so that
 * later checks compare parsed origins exactly, never substrings (docs/compatibility.md cases 24 and 37).
 */
export function resolveOriginList(option: string, value: unknown): Set<string> {
  if (value !== undefined && !Array.isArray(value)) throw new PerfscopeOptionError(option, 'must be an array of origins', value)
  const origins = new Set<string>()
  for (const [i, origin] of (value ?? []).entries()) {
    let parsed: URL | null = null
    try {
      parsed = typeof origin === 'string' ? new URL(origin) : null
    } catch {
      parsed = null
    }
    if (!parsed || parsed.origin === 'null') {
      throw new PerfscopeOptionError(`${option}[${i}]`, 'must be an absolute origin such as "https://api.example.com"', origin)
    }
    origins.add(parsed.origin)
  }
  return origins
}
