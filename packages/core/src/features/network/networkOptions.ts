import { PerfscopeOptionError, isPlainObject } from '../../kernel/options.ts'
import { globToRegExp } from '../../lib/glob.ts'
import { queryPolicy, type QueryPolicy } from '../../privacy/queryPolicy.ts'

/*
 * The defaults live here, with the option checks that load with `start()`, rather than beside the code that
 * applies them, which loads later: importing a constant from a module puts the whole module in the eager bundle.
 */

/** Default ceiling, calls per second to one endpoint: no UI polls faster than this on purpose. */
export const DEFAULT_MAX_PER_SECOND = 20
/** Distinct values at one path position that make it a learned `:param` (see the route learner). */
export const DEFAULT_LEARN_THRESHOLD = 25
/** [warning, critical] p95 latency, ms, for the page's own API: a same-origin call slower than 100 ms is felt. */
export const SAME_ORIGIN_P95_MS: readonly [number, number] = [100, 200]
/**
 * [warning, critical] p95 latency, ms, for other origins, which pay DNS, TLS and distance on top (about
 * 200 ms more on a typical long-haul round trip).
 */
export const CROSS_ORIGIN_P95_MS: readonly [number, number] = [300, 1000]
/** [warning, critical] error rate (0..1): 0.1 % and 1 %, the common SLO steps of 99.9 % and 99 %. */
export const ERROR_RATE_THRESHOLDS: readonly [number, number] = [0.001, 0.01]
/** [warning, critical] reconnects per minute of one channel: a healthy socket reconnects rarely. */
export const RECONNECT_STORM_PER_MINUTE: readonly [number, number] = [3, 10]

/** Thresholds for one endpoint; each pair is [warning, critical]. */
export interface HealthBudget {
  p95Ms: readonly [number, number]
  errorRate: readonly [number, number]
  /** Where they come from: a `network.budgets` entry, or the same-origin or cross-origin defaults. */
  source: 'network.budgets' | 'same-origin default' | 'cross-origin default'
}

/** A route template given by the app, e.g. `/api/orders/:orderId/items/*`; matched before the built-in rules. */
export interface CompiledRoute {
  template: string
  regexp: RegExp
}

/** Compiles route templates: `:name` matches one path segment, a trailing `*` matches the rest. */
export function compileRoutes(templates: readonly string[]): CompiledRoute[] {
  return templates.map((template) => {
    const source = template
      .split('/')
      .map((segment) => {
        if (segment === '*') return '.*'
        if (segment.startsWith(':')) return '[^/]+'
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      })
      .join('/')
    return { template, regexp: new RegExp(`^${source}/?$`) }
  })
}

/** Budgets for the endpoints whose key matches `match` (a glob on the key, `*` for any text, or a RegExp). */
export interface EndpointBudgetOption {
  match: string | RegExp
  /** [warning, critical] p95 latency over the last minute, ms. */
  p95Ms?: [number, number]
  /** [warning, critical] error rate over the last minute, 0..1. */
  errorRate?: [number, number]
  /** Calls per second that make this endpoint a runaway whatever its pace. */
  maxPerSecond?: number
}

/** Options of the network interceptors (`createMonitor({ network: { … } })`). */
export interface NetworkOptions {
  /**
   * Query parameters whose values are kept in `lastUrl` (exact names, case-insensitive, or patterns). Every other
   * value is dropped; names are always kept.
   */
  keepQueryValues?: (string | RegExp)[]
  /**
   * Parameter names whose values are never kept, even when `keepQueryValues` lists them (name fragments,
   * case-insensitive, or patterns), on top of the built-in ones (`token`, `key`, `auth`, `pass`, `secret`, …).
   */
  redactKeys?: (string | RegExp)[]
  /**
   * Route learning: a path position under one prefix that has shown this many distinct values becomes `:param`
   * (25). `false` turns it off. Route templates in `routes` are never rewritten.
   */
  learnRoutes?: number | false
  /** Response headers whose values may be kept (none by default). */
  captureHeaders?: string[]
  /** Route templates for endpoint keys, e.g. `/api/orders/:orderId`; tried before the built-in id rules. */
  routes?: string[]
  /** Per-endpoint budgets; the first matching entry wins over the defaults. */
  budgets?: EndpointBudgetOption[]
  /** Default ceiling, calls per second to one endpoint (20). */
  maxPerSecond?: number
  /**
   * Count perfscope's own and the load simulator's requests in the app's figures (false). The monitor's starting
   * value: `monitor.setIncludeInternal()` and the overlay's Settings switch change it at run time.
   */
  includeInternal?: boolean
  /** Most endpoints kept; further ones are counted under `other` (200). */
  maxEndpoints?: number
  /** [warning, critical] reconnects per minute of a WebSocket / EventSource channel. */
  reconnectStorm?: [number, number]
}

/** Default bound of the endpoint table: enough for any app's API, small enough to stay flat in memory. */
export const DEFAULT_MAX_ENDPOINTS = 200

export interface EndpointRules {
  budget: HealthBudget
  maxPerSecond: number
}

export interface ResolvedNetworkOptions {
  query: QueryPolicy
  /** Distinct values that make a path position a parameter; null when route learning is off. */
  learnRoutes: number | null
  captureHeaders: readonly string[]
  routes: readonly CompiledRoute[]
  maxEndpoints: number
  reconnectStorm: readonly [number, number]
  rulesFor(key: string, sameOrigin: boolean): EndpointRules
}

function fail(option: string, rule: string, value: unknown): never {
  throw new PerfscopeOptionError(`network.${option}`, rule, value)
}

function pair(option: string, value: unknown): [number, number] | undefined {
  if (value === undefined) return undefined
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !value.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0) ||
    value[0] > value[1]
  ) {
    fail(option, 'must be [warning, critical], two non-negative numbers with warning ≤ critical', value)
  }
  return [value[0], value[1]]
}

function positive(option: string, value: unknown): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    fail(option, 'must be a positive number', value)
  return value
}

/** Checks `options.network` and resolves it; throws {@link PerfscopeOptionError} for a wrong type. */
export function resolveNetworkOptions(options: unknown): ResolvedNetworkOptions {
  if (options !== undefined && !isPlainObject(options)) {
    throw new PerfscopeOptionError('network', 'must be an object', options)
  }
  const o = (options ?? {}) as Record<string, unknown>
  const redactKeys = o.redactKeys ?? []
  if (!Array.isArray(redactKeys) || !redactKeys.every((k) => typeof k === 'string' || k instanceof RegExp)) {
    fail('redactKeys', 'must be an array of strings or RegExps', redactKeys)
  }
  const keepQueryValues = o.keepQueryValues ?? []
  if (!Array.isArray(keepQueryValues) || !keepQueryValues.every((k) => typeof k === 'string' || k instanceof RegExp)) {
    fail('keepQueryValues', 'must be an array of strings or RegExps', keepQueryValues)
  }
  if (
    o.learnRoutes !== undefined &&
    o.learnRoutes !== false &&
    !(typeof o.learnRoutes === 'number' && Number.isInteger(o.learnRoutes) && o.learnRoutes >= 2)
  ) {
    fail('learnRoutes', 'must be false or an integer of at least 2', o.learnRoutes)
  }
  const captureHeaders = o.captureHeaders ?? []
  if (!Array.isArray(captureHeaders) || !captureHeaders.every((h) => typeof h === 'string')) {
    fail('captureHeaders', 'must be an array of header names', captureHeaders)
  }
  const routes = o.routes ?? []
  if (!Array.isArray(routes) || !routes.every((r) => typeof r === 'string' && r.startsWith('/'))) {
    fail('routes', 'must be an array of route templates starting with "/"', routes)
  }
  if (o.includeInternal !== undefined && typeof o.includeInternal !== 'boolean') {
    fail('includeInternal', 'must be a boolean', o.includeInternal)
  }
  const maxPerSecond = positive('maxPerSecond', o.maxPerSecond) ?? DEFAULT_MAX_PER_SECOND
  const maxEndpoints = positive('maxEndpoints', o.maxEndpoints) ?? DEFAULT_MAX_ENDPOINTS
  const reconnectStorm = pair('reconnectStorm', o.reconnectStorm) ?? RECONNECT_STORM_PER_MINUTE
  const budgetsRaw = o.budgets ?? []
  if (!Array.isArray(budgetsRaw))
    fail('budgets', 'must be an array of { match, p95Ms?, errorRate?, maxPerSecond? }', budgetsRaw)
  const budgets = budgetsRaw.map((b: unknown, i: number) => {
    if (!isPlainObject(b)) fail(`budgets[${i}]`, 'must be an object', b)
    const match = b.match
    if (typeof match !== 'string' && !(match instanceof RegExp))
      fail(`budgets[${i}].match`, 'must be a string or a RegExp', match)
    return {
      test: typeof match === 'string' ? globToRegExp(match) : match,
      p95Ms: pair(`budgets[${i}].p95Ms`, b.p95Ms),
      errorRate: pair(`budgets[${i}].errorRate`, b.errorRate),
      maxPerSecond: positive(`budgets[${i}].maxPerSecond`, b.maxPerSecond),
    }
  })
  return {
    query: queryPolicy(keepQueryValues as (string | RegExp)[], redactKeys as (string | RegExp)[]),
    learnRoutes: o.learnRoutes === false ? null : ((o.learnRoutes as number | undefined) ?? DEFAULT_LEARN_THRESHOLD),
    captureHeaders: (captureHeaders as string[]).map((h) => h.toLowerCase()),
    routes: compileRoutes(routes as string[]),
    maxEndpoints: Math.floor(maxEndpoints),
    reconnectStorm,
    rulesFor(key, sameOrigin) {
      const custom = budgets.find((b) => {
        b.test.lastIndex = 0
        return b.test.test(key)
      })
      return {
        budget: {
          p95Ms: custom?.p95Ms ?? (sameOrigin ? SAME_ORIGIN_P95_MS : CROSS_ORIGIN_P95_MS),
          errorRate: custom?.errorRate ?? ERROR_RATE_THRESHOLDS,
          source:
            custom?.p95Ms || custom?.errorRate
              ? 'network.budgets'
              : sameOrigin
                ? 'same-origin default'
                : 'cross-origin default',
        },
        maxPerSecond: custom?.maxPerSecond ?? maxPerSecond,
      }
    },
  }
}
