import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { dashboardExpressions, expositionNames, metricNames } from './dashboardQueries.ts'
import { openMetricsOptions, pageBatch, serveOutletApp } from './outletFixtures.ts'
import { PROMTOOL_BIN, requireBinary } from './prometheusProcess.ts'

const RULES_DIR = fileURLToPath(new URL('../../../../prometheus/', import.meta.url))

function promtool(...args: string[]) {
  requireBinary(PROMTOOL_BIN)
  return spawnSync(PROMTOOL_BIN, args, { cwd: RULES_DIR, encoding: 'utf8', timeout: 30_000 })
}

describe('prometheus/perfscope-rules.yml', () => {
  it('is valid for promtool check rules', () => {
    const result = promtool('check', 'rules', 'perfscope-rules.yml')
    expect(result.stdout + result.stderr).toMatch(/SUCCESS: 14 rules found/)
    expect(result.status).toBe(0)
  })

  it('passes its promtool unit tests (thresholds, severities, annotations)', () => {
    const result = promtool('test', 'rules', 'perfscope-rules.test.yml')
    expect(result.stdout + result.stderr).toMatch(/SUCCESS/)
    expect(result.status).toBe(0)
  })
})

describe('metricNames()', () => {
  it('finds the metrics and leaves functions, labels, groupings and variables out', () => {
    expect(
      metricNames(
        '1 - sum by (job, le) (rate(a_bucket{name="LCP", le=~"4000(\\\\.0)?"}[$__rate_interval])) / on (job) sum(rate(b_count{job=~"$job"}[5m]))',
      ),
    ).toEqual(['a_bucket', 'b_count'])
    expect(metricNames('label_values(http_requests_total, job)')).toEqual(['http_requests_total', 'job'])
  })
})

describe('grafana/perfscope-dashboard.json', () => {
  let exposition = ''
  beforeAll(async () => {
    const server = await serveOutletApp(openMetricsOptions())
    try {
      for (const path of ['/items', '/fail', '/db']) await fetch(`${server.url}${path}`)
      await fetch(`${server.url}/items`, { headers: { 'x-perfscope-load': 'run-1' } })
      const batch = pageBatch(1, {
        vitals: { LCP: 1800, INP: 120, CLS: 0.05, FCP: 900, TTFB: 200 },
        requests: [{ endpoint: 'GET /items', ms: 40 }],
      })
      await fetch(`${server.url}/items`, { headers: { 'x-perfscope-batch': batch } })
      await server.mw.perfscope.ingest.idle()
      const response = await fetch(`${server.url}/metrics`)
      expect(response.status).toBe(200)
      exposition = await response.text()
    } finally {
      await server.close()
    }
  })
  it('has only expressions whose metrics the exposition really has', () => {
    const exposed = expositionNames(exposition)
    const expressions = dashboardExpressions()
    expect(expressions.length).toBeGreaterThanOrEqual(10)
    const missing = expressions.flatMap((expr) =>
      metricNames(expr)
        .filter((name) => !exposed.has(name) && !(expr.startsWith('label_values(') && name === 'job'))
        .map((name) => `${name} in ${expr}`),
    )
    expect(missing).toEqual([])
  })

  it('covers every metric family perfscope exposes', () => {
    const read = new Set(
      dashboardExpressions()
        .flatMap(metricNames)
        .map((n) => n.replace(/_(bucket|sum|count)$/, '')),
    )
    const families = [...exposition.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!)
    // The error-rate gauge is a since-start figure kept for compatibility; the dashboard derives rates from counters.
    expect(families.filter((f) => !read.has(f) && f !== 'http_request_error_rate')).toEqual([])
  })
})
