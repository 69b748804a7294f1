import { describe, expect, it } from 'vitest'
import { createMonitor } from '../../createMonitor.ts'
import { resolveLoadOptions } from '../../features/load/loadOptions.ts'
import { resolveTransportOptions } from '../../features/transport/options.ts'
import { isPositive, listOf, mustBeBoolean, objectOf, optional, required } from '../optionRules.ts'
import { PerfscopeOptionError } from '../options.ts'

describe('option rules', () => {
  const rules = objectOf({
    size: isPositive,
    tags: listOf(required(isPositive), 'positive numbers'),
    inner: optional(objectOf({ must: required(isPositive) })),
  })

  it('returns a copy with every known key, left-out ones undefined and lists empty', () => {
    const given = { size: 2, tags: [1] }
    const checked = rules(given, 'o')
    expect(checked).toEqual({ size: 2, tags: [1], inner: undefined })
    given.tags.push(-1)
    expect(checked.tags).toEqual([1])
    expect(rules(undefined, 'o')).toEqual({ size: undefined, tags: [], inner: undefined })
  })

  it('names the full path of the option that fails, with what it must be and what it got', () => {
    expect(() => rules({ tags: [1, 'x'] }, 'o')).toThrow(
      'option "o.tags[1]" must be a positive number, got the string "x"',
    )
    const holey: unknown[] = [1]
    holey[2] = 2
    expect(() => rules({ tags: holey }, 'o')).toThrow('option "o.tags[1]" is required, got undefined')
    expect(() => rules({ tags: 3 }, 'o')).toThrow('option "o.tags" must be an array of positive numbers, got number 3')
    expect(() => rules({ inner: {} }, 'o')).toThrow('option "o.inner.must" is required')
    expect(() => rules([], 'o')).toThrow('option "o" must be an object, got an array')
  })

  it('refuses an unknown key and lists the known ones, so a misspelt option is not silently ignored', () => {
    expect(() => rules({ sise: 2 }, 'o')).toThrow('option "o.sise" is not an option (known: size, tags, inner)')
    expect(() => rules({ constructor: 1 }, 'o')).toThrow('option "o.constructor" is not an option')
    expect(() => rules(JSON.parse('{"__proto__": {"size": -1}}'), 'o')).toThrow('option "o.__proto__" is not an option')
  })

  it('checks setter arguments as required booleans', () => {
    expect(() => mustBeBoolean(undefined, 'includeInternal')).toThrow(PerfscopeOptionError)
    expect(() => mustBeBoolean('true', 'includeInternal')).toThrow('must be a boolean')
    expect(mustBeBoolean(false, 'includeInternal')).toBe(false)
  })
})

describe('createMonitor() option checks', () => {
  it.each([
    [{ network: { maxEndpoint: 5 } }, 'option "network.maxEndpoint" is not an option (known: keepQueryValues'],
    [{ transport: { endpont: '/m' } }, 'option "transport.endpont" is not an option'],
    [{ load: { allowOrigin: [] } }, 'option "load.allowOrigin" is not an option'],
    [{ load: { limits: { maxRPS: 5 } } }, 'option "load.limits.maxRPS" is not a limit (known: maxUsers, maxRps'],
    [{ history: { enable: false } }, 'option "history.enable" is not an option (known: enabled, now)'],
    [{ budgets: { quota: [] } }, 'option "budgets.quota" is not an option (known: file, environment, quotas, cost)'],
    [{ budgets: { quotas: [{ match: 'GET /a', perDay: 5 }] } }, 'option "budgets.quotas[0].perDay" is not an option'],
    [{ budgets: { quotas: [{ match: 'GET /a' }] } }, 'option "budgets.quotas[0]" needs perMinute or perHour'],
    [{ budgets: { cost: { monthlyBudget: 5 } } }, 'option "budgets.cost.prices" is required'],
    [
      { network: { budgets: [{ match: 'x', p95Ms: [2, 1] }] } },
      '"network.budgets[0].p95Ms" must be [warning, critical]',
    ],
    [{ metrics: { heap: true } }, 'option "metrics.heap" is not a metric (known: vitals'],
  ])('refuses %j with a PerfscopeOptionError', (options, message) => {
    expect(() => createMonitor(options as never)).toThrow(PerfscopeOptionError)
    expect(() => createMonitor(options as never)).toThrow(message)
  })

  it('accepts every documented option at once', () => {
    expect(() =>
      createMonitor({
        metrics: { memory: false },
        network: {
          keepQueryValues: ['page', /^sort$/],
          redactKeys: ['session'],
          learnRoutes: false,
          captureHeaders: ['x-request-id'],
          routes: ['/api/orders/:id'],
          budgets: [{ match: 'GET /api/*', p95Ms: [100, 200], errorRate: [0.01, 0.05], maxPerSecond: 5 }],
          maxPerSecond: 10,
          includeInternal: true,
          maxEndpoints: 50,
          reconnectStorm: [2, 4],
        },
        transport: { enabled: true, endpoint: '/m', allowOrigins: ['https://api.example.test'], maxPending: 10 },
        history: { enabled: false, now: () => 0 },
        budgets: {
          environment: 'staging',
          quotas: [{ match: 'GET /api/*', perMinute: 60 }],
          cost: { prices: [{ match: '*', perGB: 0.09 }], monthlyBudget: 100, currency: 'EUR' },
        },
        load: { allowOrigins: ['https://api.example.test'], allowNonDevelopmentHost: false, limits: { maxRps: 10 } },
      }),
    ).not.toThrow()
  })

  it('fills defaults where an option is left out, and keeps none of the app objects', () => {
    const limits = { maxRps: 10 }
    const load = resolveLoadOptions({ limits })
    limits.maxRps = 10_000
    expect(load.limits).toMatchObject({ maxRps: 10, maxUsers: 50, maxConcurrency: 4 })
    expect(resolveTransportOptions(undefined)).toMatchObject({ enabled: true, maxHeaderBytes: 4096, maxPending: 2000 })
  })
})
