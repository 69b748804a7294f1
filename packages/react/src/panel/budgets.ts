import { useSyncExternalStore } from 'react'
import { evaluateThreshold, parseThreshold, type EndpointStats, type ThresholdResult } from '@perfscope/core'

/**
 * Endpoint budgets: k6-style expressions checked against every endpoint. Latency aggregations (`p(95)`, `avg`,
 * `med`, `min`, `max`) are in ms, `rate` is the error rate (0..1), `count` the number of requests.
 */
export const DEFAULT_BUDGETS: readonly string[] = ['p(95)<1000', 'rate<0.05']

const STORAGE_KEY = 'perfscope:budgets'
/** A handful is what a panel can show; more is a configuration file's job. */
export const MAX_BUDGETS = 12

let cached: readonly string[] | null = null
const listeners = new Set<() => void>()

function load(): readonly string[] {
  if (cached) return cached
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? 'null')
    cached = Array.isArray(parsed) ? parsed.filter((e): e is string => typeof e === 'string').slice(0, MAX_BUDGETS) : DEFAULT_BUDGETS
  } catch {
    cached = DEFAULT_BUDGETS
  }
  return cached
}

/** Replaces the budgets (remembered in localStorage). Throws a `ThresholdSyntaxError` for one that does not parse. */
export function setBudgets(next: readonly string[]): void {
  for (const expression of next) parseThreshold(expression)
  cached = next.slice(0, MAX_BUDGETS)
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(cached))
  } catch {
    // Storage disabled: the budgets hold for this page only.
  }
  for (const l of listeners) l()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The current budgets, re-rendering when they change. */
export function useBudgets(): readonly string[] {
  return useSyncExternalStore(subscribe, load, () => DEFAULT_BUDGETS)
}

const PERCENTILES: Record<number, 'p50' | 'p75' | 'p90' | 'p95' | 'p99'> = { 50: 'p50', 75: 'p75', 90: 'p90', 95: 'p95', 99: 'p99' }

/** Checks every budget against one endpoint; a percentile the summary does not keep is "no data". */
export function checkBudgets(endpoint: EndpointStats, budgets: readonly string[]): ThresholdResult[] {
  const l = endpoint.latency
  return budgets.map((expression) =>
    evaluateThreshold(parseThreshold(expression), {
      avg: l?.mean,
      med: l?.p50,
      min: l?.min,
      max: l?.max,
      count: endpoint.count,
      rate: endpoint.count > 0 ? endpoint.errorRate : null,
      p: (q) => {
        const key = PERCENTILES[q]
        return key ? (l?.[key] ?? null) : null
      },
    }),
  )
}
