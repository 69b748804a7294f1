import { describe, expect, it } from 'vitest'
import { refusal } from './refusal.ts'
import { toK6Script } from '../k6Export.ts'
import { findings } from '../findings.ts'
import { DEFAULT_LOAD_LIMITS, resolveLoadOptions } from '../loadOptions.ts'
import { isDevelopmentHost, checkHost, type SafetyContext } from '../safety.ts'
import { arrivalsBy, resolveScenario, targetAt, type LoadScenario } from '../scenario.ts'
import { PerfscopeOptionError } from '../../../kernel/options.ts'

const safety: SafetyContext = {
  pageUrl: 'http://localhost:5173/app',
  allowOrigins: new Set(['http://api.localhost:8080']),
  allowNonDevelopmentHost: false,
}
const base: LoadScenario = {
  executor: 'constant-users',
  users: 5,
  durationMs: 10_000,
  requests: [{ url: '/api/items' }],
}

const refused = (scenario: unknown) => refusal(scenario, safety)

describe('isDevelopmentHost()', () => {
  it.each(['localhost', '127.0.0.1', '[::1]', 'app.localhost', 'shop.test'])('accepts %s', (host) => {
    expect(isDevelopmentHost(host)).toBe(true)
  })
  it.each(['example.com', 'localhost.example.com', '10.0.0.1', 'test', 'mylocal', 'printer.local', 'nas.LOCAL'])(
    'refuses %s',
    (host) => {
      expect(isDevelopmentHost(host)).toBe(false)
    },
  )
  it('refuses a production host unless the app opted in', () => {
    expect(() => checkHost({ ...safety, pageUrl: 'https://shop.example.com/' })).toThrow(
      /does not look like development/,
    )
    expect(() =>
      checkHost({ ...safety, pageUrl: 'https://shop.example.com/', allowNonDevelopmentHost: true }),
    ).not.toThrow()
  })
})

describe('resolveScenario()', () => {
  it('resolves same-origin paths against the page and keeps allow-listed origins', () => {
    const s = resolveScenario(
      { ...base, requests: [{ url: '/a' }, { url: 'http://api.localhost:8080/b', method: 'post', weight: 3 }] },
      DEFAULT_LOAD_LIMITS,
      safety,
    )
    expect(s.requests.map((r) => `${r.method} ${r.url.href} ${r.weight}`)).toEqual([
      'GET http://localhost:5173/a 1',
      'POST http://api.localhost:8080/b 3',
    ])
    expect(s.stages).toEqual([
      { durationMs: 0, target: 5 },
      { durationMs: 10_000, target: 5 },
    ])
  })

  it.each([
    [{ ...base, executor: 'hammer' }, 'executor', /must be one of constant-users/],
    [{ ...base, users: -3 }, 'users', /from 1 to 50/],
    [{ ...base, users: 5000 }, 'users', /from 1 to 50/],
    [{ ...base, durationMs: 86_400_000 }, 'durationMs', /300000 ms/],
    [
      { executor: 'constant-arrival-rate', rate: 1e6, durationMs: 1000, requests: [{ url: '/a' }] },
      'rate',
      /requests\/s/,
    ],
    [{ ...base, requests: [] }, 'requests', /at least one request/],
    [{ ...base, requests: [{ url: 'https://example.com/' }] }, 'requests[0].url', /neither the page's origin/],
    [
      { ...base, requests: [{ url: 'http://localhost.evil.test:5173/' }] },
      'requests[0].url',
      /neither the page's origin/,
    ],
    [{ ...base, requests: [{ url: 'http://user:pw@localhost:5173/' }] }, 'requests[0].url', /credentials/],
    [{ ...base, requests: [{ url: 'javascript:alert(1)' }] }, 'requests[0].url', /only http/],
    [{ ...base, requests: [{ url: '/a', payloadBytes: 10 * 1024 * 1024 }] }, 'requests[0].payloadBytes', /bytes/],
    [
      { ...base, thresholds: { http_req_duration: ['p95<2000'] } },
      'thresholds["http_req_duration"]',
      /not of the form/,
    ],
    [{ ...base, thresholds: { latency: ['avg<1'] } }, 'thresholds["latency"]', /is not http_req_duration/],
  ])('refuses a bad scenario before anything is sent, naming the field (%#)', (scenario, field, rule) => {
    const error = refused(scenario)
    expect(error.field).toBe(field)
    expect(error.message).toMatch(rule)
  })

  it('keeps a URL that does not parse out of the refusal, which the snapshot and exports carry', () => {
    const error = refused({ ...base, requests: [{ url: 'http://[bad/reset?token=s3cretValue' }] })
    expect(error.field).toBe('requests[0].url')
    expect(error.message).not.toContain('s3cretValue')
  })

  it('parses per-endpoint thresholds', () => {
    const s = resolveScenario(
      {
        ...base,
        thresholds: { 'http_req_duration{endpoint:GET /api/items}': ['p(95)<300'], http_req_failed: ['rate<0.01'] },
      },
      DEFAULT_LOAD_LIMITS,
      safety,
    )
    expect(s.thresholds.map((t) => [t.metric, t.endpoint, t.source])).toEqual([
      ['http_req_duration', 'GET /api/items', 'p(95)<300'],
      ['http_req_failed', null, 'rate<0.01'],
    ])
  })
})

describe('targetAt() and arrivalsBy()', () => {
  const ramp = [
    { durationMs: 10_000, target: 100 },
    { durationMs: 10_000, target: 100 },
  ]
  it('interpolates the target linearly between stages', () => {
    expect(targetAt(ramp, 5_000)).toBe(50)
    expect(targetAt(ramp, 15_000)).toBe(100)
  })
  it('integrates the arrival rate: 500 requests during a 0→100/s ramp over 10 s, then 100/s', () => {
    expect(arrivalsBy(ramp, 10_000)).toBeCloseTo(500)
    expect(arrivalsBy(ramp, 12_000)).toBeCloseTo(700)
    expect(
      arrivalsBy(
        [
          { durationMs: 0, target: 50 },
          { durationMs: 3000, target: 50 },
        ],
        1000,
      ),
    ).toBeCloseTo(50)
  })
})

describe('toK6Script()', () => {
  it('exports executor, thresholds and weighted requests as a k6 script', () => {
    const s = resolveScenario(
      {
        executor: 'ramping-arrival-rate',
        stages: [{ durationMs: 10_000, target: 20 }],
        requests: [{ url: '/api/items?x=1', weight: 2 }],
        thresholds: { http_req_failed: ['rate<0.01'] },
      },
      DEFAULT_LOAD_LIMITS,
      safety,
    )
    const script = toK6Script(s, 'http://localhost:5173')
    expect(script).toContain("import http from 'k6/http'")
    expect(script).toContain('"executor": "ramping-arrival-rate"')
    expect(script).toContain('"duration": "10s"')
    expect(script).toContain('"http_req_failed": [\n      "rate<0.01"')
    expect(script).toContain('"path": "/api/items?x=1"')
  })

  it('tags every request with X-Perfscope-Load, so the server counts k6 traffic apart from real traffic', () => {
    const s = resolveScenario({ ...base, name: 'checkout soak' }, DEFAULT_LOAD_LIMITS, safety)
    const script = toK6Script(s, 'http://localhost:5173')
    expect(script).toContain(`const RUN_ID = __ENV.PERFSCOPE_RUN || "k6-checkout_soak"`)
    expect(script).toContain(`headers: { "X-Perfscope-Load": RUN_ID }`)
  })
})

describe('findings()', () => {
  it('names the knee of the latency curve and the first endpoint to fail', () => {
    const timeline = [20, 22, 21, 23, 60, 90].map((p95, second) => ({
      second,
      requests: 10 * (second + 1),
      errors: 0,
      started: 10 * (second + 1),
      p95,
    }))
    const out = findings({
      timeline,
      endpoints: [
        {
          key: 'GET /api/slow',
          requests: 5,
          rps: 1,
          errors: 2,
          errorsByKind: { http5xx: 2 },
          latency: { avg: 1, p50: 1, p90: 1, p95: 1, p99: 1, max: 1 },
        },
      ],
      firstErrors: [{ key: 'GET /api/slow', at: 4200 }],
      heapBefore: 100,
      heapAfter: 150,
    })
    expect(out[0]).toMatch(/Latency knee at about 50 requests\/s: p95 rose from 2\d ms to 60 ms at 4 s/)
    expect(out[1]).toBe('GET /api/slow was the first endpoint to fail, at 4.2 s (2 http5xx).')
    expect(out[2]).toMatch(/50 % above where it started/)
  })
})

describe('resolveLoadOptions()', () => {
  it.each([
    [{ allowOrigins: 'http://a.test' }, 'load.allowOrigins'],
    [{ allowOrigins: ['nope'] }, 'load.allowOrigins[0]'],
    [{ allowNonDevelopmentHost: 'yes' }, 'load.allowNonDevelopmentHost'],
    [{ limits: { maxUsers: -1 } }, 'load.limits.maxUsers'],
    [{ limits: { maxRps: Number.NaN } }, 'load.limits.maxRps'],
    [{ limits: { maxConcurrency: '4' } }, 'load.limits.maxConcurrency'],
    [{ limits: { maxWhatever: 1 } }, 'load.limits.maxWhatever'],
  ])('refuses %j naming the option', (value, option) => {
    expect(() => resolveLoadOptions(value)).toThrow(PerfscopeOptionError)
    expect(() => resolveLoadOptions(value)).toThrow(`"${option}"`)
  })
  it('lets the app raise the caps in code', () => {
    expect(resolveLoadOptions({ limits: { maxUsers: 200 } }).limits.maxUsers).toBe(200)
  })
  it('keeps the default for a limit set to undefined, never no limit', () => {
    expect(resolveLoadOptions({ limits: { maxRps: undefined } }).limits.maxRps).toBe(DEFAULT_LOAD_LIMITS.maxRps)
  })
})
