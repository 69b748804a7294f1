import { globToRegExp } from '../../lib/glob.ts'
import { queryPolicy, type QueryPolicy } from '../../privacy/queryPolicy.ts'
import { checkNetworkOptions, type NetworkOptions } from './networkOptions.ts'

/*
 * The network options as the collector uses them, with their defaults. This module loads with the collector,
 * never with `start()`: the eager code checks the options (`networkOptions.ts`) and imports nothing from here.
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

/** Builds what the collector uses from checked options (`checkNetworkOptions`), with the defaults. */
export function compileNetworkOptions(o: NetworkOptions): ResolvedNetworkOptions {
  const maxPerSecond = o.maxPerSecond ?? DEFAULT_MAX_PER_SECOND
  const budgets = (o.budgets ?? []).map((b) => ({
    test: typeof b.match === 'string' ? globToRegExp(b.match) : b.match,
    p95Ms: b.p95Ms,
    errorRate: b.errorRate,
    maxPerSecond: b.maxPerSecond,
  }))
  return {
    query: queryPolicy(o.keepQueryValues ?? [], o.redactKeys ?? []),
    learnRoutes: o.learnRoutes === false ? null : (o.learnRoutes ?? DEFAULT_LEARN_THRESHOLD),
    captureHeaders: (o.captureHeaders ?? []).map((h) => h.toLowerCase()),
    routes: compileRoutes(o.routes ?? []),
    maxEndpoints: Math.floor(o.maxEndpoints ?? DEFAULT_MAX_ENDPOINTS),
    reconnectStorm: o.reconnectStorm ?? RECONNECT_STORM_PER_MINUTE,
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

/** Checks and builds in one step (tests, tools): `compileNetworkOptions(checkNetworkOptions(options))`. */
export function resolveNetworkOptions(options: unknown): ResolvedNetworkOptions {
  return compileNetworkOptions(checkNetworkOptions(options))
}
