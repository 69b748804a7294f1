import { isBoolean, isPositive, isString, listOf, objectOf, required, when } from '../../kernel/optionRules.ts'

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

const pattern = required(
  when<string | RegExp>((v) => typeof v === 'string' || v instanceof RegExp, 'must be a string or a RegExp'),
)
const patterns = listOf(pattern, 'strings or RegExps')
const pair = when<[number, number]>(
  (v) =>
    Array.isArray(v) &&
    v.length === 2 &&
    v.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0) &&
    v[0] <= v[1],
  'must be [warning, critical], two non-negative numbers with warning ≤ critical',
)

const networkRules = objectOf({
  keepQueryValues: patterns,
  redactKeys: patterns,
  learnRoutes: when<number | false>(
    (v) => v === false || (Number.isInteger(v) && (v as number) >= 2),
    'must be false or an integer of at least 2',
  ),
  captureHeaders: listOf(required(isString), 'header names'),
  routes: listOf(
    required(when<string>((r) => typeof r === 'string' && r.startsWith('/'), 'must start with "/"')),
    'route templates starting with "/"',
  ),
  budgets: listOf(
    required(
      objectOf({
        match: pattern,
        p95Ms: pair,
        errorRate: pair,
        maxPerSecond: isPositive,
      }),
    ),
    '{ match, p95Ms?, errorRate?, maxPerSecond? }',
  ),
  maxPerSecond: isPositive,
  includeInternal: isBoolean,
  maxEndpoints: isPositive,
  reconnectStorm: pair,
})

/**
 * Checks `options.network` and returns a checked copy; throws {@link PerfscopeOptionError} for a wrong type or an
 * unknown key. What the collector builds from it (query policy, route and budget patterns) is built when the
 * collector loads (`compileNetworkOptions`), with the defaults.
 */
export const checkNetworkOptions = (options: unknown): NetworkOptions => networkRules(options, 'network')
