import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dashboardExpressions } from './dashboardQueries.ts'
import { openMetricsOptions, pageBatch, serveOutletApp, type PageMeasures } from './outletFixtures.ts'
import { startPrometheus, type RunningPrometheus } from './prometheusProcess.ts'

const RULES = fileURLToPath(new URL('../../../../prometheus/perfscope-rules.yml', import.meta.url))

/** Four page loads: one LCP of four is poor (over 4000 ms), one INP of four is poor (over 500 ms). */
const PAGES: PageMeasures[] = [
  { vitals: { LCP: 1200, INP: 80, CLS: 0.02, FCP: 700, TTFB: 150 }, requests: [{ endpoint: 'GET /items', ms: 35 }] },
  { vitals: { LCP: 2600, INP: 150, CLS: 0.05, FCP: 900, TTFB: 300 }, requests: [{ endpoint: 'GET /items', ms: 60 }] },
  {
    vitals: { LCP: 3500, INP: 300, CLS: 0.12, FCP: 1500, TTFB: 600 },
    requests: [{ endpoint: 'GET /fail', ms: 20, status: 500 }],
  },
  {
    vitals: { LCP: 5200, INP: 700, CLS: 0.3, FCP: 2600, TTFB: 900 },
    requests: [{ endpoint: 'GET /items', ms: 900, error: 'timeout' }],
  },
]

/** The paths of one wave of traffic: 20 requests, 2 slow (300 ms), 2 answered 500, 1 with a timed query. */
const WAVE = [...Array<string>(15).fill('/items'), '/db', '/slow', '/slow', '/fail', '/fail']

let batchId = 0
async function wave({ url, mw }: Awaited<ReturnType<typeof serveOutletApp>>): Promise<void> {
  await Promise.all(
    WAVE.map((path, i) =>
      fetch(
        `${url}${path}`,
        i < PAGES.length ? { headers: { 'x-perfscope-batch': pageBatch(++batchId, PAGES[i]!) } } : {},
      ).then((r) => r.text()),
    ),
  )
  // And one request of the load simulator, which is counted in a series of its own.
  await (await fetch(`${url}/items`, { headers: { 'x-perfscope-load': 'run-1' } })).text()
  await mw.perfscope.ingest.idle()
}

const one = (values: number[]) => values.length === 1
const only = async (prometheus: RunningPrometheus, expr: string) => (await prometheus.waitFor(expr, one))[0]!

describe('a real Prometheus scraping @perfscope/server', () => {
  let server: Awaited<ReturnType<typeof serveOutletApp>>
  let prometheus: RunningPrometheus

  beforeAll(async () => {
    server = await serveOutletApp(openMetricsOptions())
    // The first wave lands before Prometheus starts, so its first scrape already holds every series and every
    // rate below covers exactly the second wave.
    await wave(server)
    prometheus = await startPrometheus(server.url.replace('http://', ''), '/metrics', [RULES])
    await prometheus.waitFor('sum(http_requests_total{job="perfscope"})', (v) => v[0] === 20)
    await wave(server)
    await prometheus.waitFor('sum(http_requests_total{job="perfscope"})', (v) => v[0] === 40)
    await prometheus.waitFor('sum(perfscope_web_vital_ms_count{job="perfscope", name="LCP"})', (v) => v[0] === 8)
  }, 60_000)

  afterAll(async () => {
    await prometheus?.stop()
    await server?.close()
  })

  it('scrapes the target as up', async () => {
    expect(await prometheus.query('up{job="perfscope"}')).toMatchObject([{ value: [expect.any(Number), '1'] }])
  })

  it('answers the request rate', async () => {
    const rate = await only(prometheus, 'sum(rate(http_requests_total{job="perfscope"}[1m]))')
    expect(rate).toBeGreaterThan(0)
    const byRoute = await prometheus.query('sum by (route) (increase(http_requests_total{job="perfscope"}[1m]))')
    const routes: Record<string, number> = Object.fromEntries(byRoute.map((r) => [r.metric.route, Number(r.value[1])]))
    // Rates of one target share their scrape times, so route shares are exact: 15 of 20 requests went to /items.
    expect(routes['GET /items']! / Object.values(routes).reduce((a, b) => a + b)).toBeCloseTo(0.75, 6)
  })

  it('answers p95 latency through histogram_quantile', async () => {
    // 18 fast requests and 2 of 300 ms: rank 19 of 20 falls halfway into the 250–500 ms bucket.
    const p95 = await only(
      prometheus,
      'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_ms_bucket{job="perfscope"}[1m])))',
    )
    expect(p95).toBeCloseTo(375, 6)
  })

  it('answers the error ratio', async () => {
    const ratio = await only(
      prometheus,
      'sum(rate(http_request_errors_total{job="perfscope"}[1m])) / sum(rate(http_requests_total{job="perfscope"}[1m]))',
    )
    expect(ratio).toBeCloseTo(0.1, 6)
  })

  it('answers the Web Vitals that browsers sent in piggybacked batches', async () => {
    const p75 = await prometheus.query(
      'histogram_quantile(0.75, sum by (name, le) (rate(perfscope_web_vital_ms_bucket{job="perfscope"}[1m])))',
    )
    const byName = Object.fromEntries(p75.map((r) => [r.metric.name, Number(r.value[1])]))
    expect(Object.keys(byName).sort()).toEqual(['FCP', 'INP', 'LCP', 'TTFB'])
    // Three LCPs of four are at most 4000 ms: the 75th percentile is the top of that bucket.
    expect(byName.LCP).toBeCloseTo(4000, 6)
    expect(byName.INP).toBeGreaterThan(200)
    expect(byName.INP).toBeLessThanOrEqual(500)
    expect(await only(prometheus, 'sum(perfscope_web_vital_cls_count{job="perfscope"})')).toBe(8)
    const clientErrors = await only(prometheus, 'sum(perfscope_client_request_errors_total{job="perfscope"})')
    expect(clientErrors).toBe(4)
  })

  it('evaluates the shipped recording rules on the scraped series', async () => {
    expect(await only(prometheus, 'job:perfscope_web_vital_lcp_poor:ratio_rate1h{job="perfscope"}')).toBeCloseTo(
      0.25,
      6,
    )
    expect(await only(prometheus, 'job:perfscope_web_vital_inp_poor:ratio_rate1h{job="perfscope"}')).toBeCloseTo(
      0.25,
      6,
    )
    expect(await only(prometheus, 'job:http_request_errors:ratio_rate5m{job="perfscope"}')).toBeCloseTo(0.1, 6)
    expect(await only(prometheus, 'job:http_request_duration_ms:p95_5m{job="perfscope"}')).toBeCloseTo(375, 6)
    const rules = (await (await fetch(`${prometheus.url}/api/v1/rules`)).json()) as {
      data: { groups: Array<{ rules: Array<{ health: string }> }> }
    }
    expect(rules.data.groups.flatMap((g) => g.rules).map((r) => r.health)).not.toContain('err')
  })

  it('returns data for every expression of the Grafana dashboard', async () => {
    const empty: string[] = []
    for (const expr of dashboardExpressions()) {
      if (expr.startsWith('label_values(')) continue
      const promql = expr.replaceAll('$job', 'perfscope').replaceAll('$__rate_interval', '1m')
      if ((await prometheus.query(promql)).length === 0) empty.push(promql)
    }
    expect(empty).toEqual([])
  })
})
