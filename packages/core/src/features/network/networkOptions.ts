import { PerfscopeOptionError, isPlainObject, checkBoolean, checkNumber } from '../../kernel/options.ts'

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

/** A copy of an array option (none: empty) whose every item passes `ok`. */
function list(option: string, value: unknown, ok: (item: unknown) => boolean, rule: string): unknown[] {
  const items = value ?? []
  if (!Array.isArray(items) || !items.every(ok)) fail(option, rule, items)
  return [...items]
}

const positive = (option: string, value: unknown) => checkNumber(`network.${option}`, value)

/**
 * Checks `options.network` and returns it typed; throws {@link PerfscopeOptionError} for a wrong type. What the
 * collector builds from it (query policy, route and budget patterns) is built when the collector loads
 * (`compileNetworkOptions`), with the defaults.
 */
export function checkNetworkOptions(options: unknown): NetworkOptions {
  if (options !== undefined && !isPlainObject(options)) {
    throw new PerfscopeOptionError('network', 'must be an object', options)
  }
  const o = (options ?? {}) as Record<string, unknown>
  const patterns = (k: unknown) => typeof k === 'string' || k instanceof RegExp
  const redactKeys = list('redactKeys', o.redactKeys, patterns, 'must be an array of strings or RegExps')
  const keepQueryValues = list('keepQueryValues', o.keepQueryValues, patterns, 'must be an array of strings or RegExps')
  if (
    o.learnRoutes !== undefined &&
    o.learnRoutes !== false &&
    !(typeof o.learnRoutes === 'number' && Number.isInteger(o.learnRoutes) && o.learnRoutes >= 2)
  ) {
    fail('learnRoutes', 'must be false or an integer of at least 2', o.learnRoutes)
  }
  const captureHeaders = list(
    'captureHeaders',
    o.captureHeaders,
    (h) => typeof h === 'string',
    'must be an array of header names',
  ) as string[]
  const routes = list(
    'routes',
    o.routes,
    (r) => typeof r === 'string' && r.startsWith('/'),
    'must be an array of route templates starting with "/"',
  ) as string[]
  checkBoolean('network.includeInternal', o.includeInternal)
  const budgets = list(
    'budgets',
    o.budgets,
    () => true,
    'must be an array of { match, p95Ms?, errorRate?, maxPerSecond? }',
  )
  // A copy of what was checked: page code that changes the options object later changes nothing.
  return {
    keepQueryValues: keepQueryValues as Array<string | RegExp>,
    redactKeys: redactKeys as Array<string | RegExp>,
    learnRoutes: o.learnRoutes as number | false | undefined,
    captureHeaders,
    routes,
    includeInternal: o.includeInternal as boolean | undefined,
    maxPerSecond: positive('maxPerSecond', o.maxPerSecond),
    maxEndpoints: positive('maxEndpoints', o.maxEndpoints),
    reconnectStorm: pair('reconnectStorm', o.reconnectStorm),
    budgets: budgets.map((b: unknown, i: number) => {
      if (!isPlainObject(b)) fail(`budgets[${i}]`, 'must be an object', b)
      const match = b.match
      if (typeof match !== 'string' && !(match instanceof RegExp))
        fail(`budgets[${i}].match`, 'must be a string or a RegExp', match)
      return {
        match,
        p95Ms: pair(`budgets[${i}].p95Ms`, b.p95Ms),
        errorRate: pair(`budgets[${i}].errorRate`, b.errorRate),
        maxPerSecond: positive(`budgets[${i}].maxPerSecond`, b.maxPerSecond),
      }
    }),
  }
}
