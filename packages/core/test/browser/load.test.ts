import { describe, expect, it } from 'vitest'
import { baseURL, useBrowser, type TestPage } from '../../../../test-support/browser'

const FIXTURE = '/packages/core/test/browser/fixtures/load.html'

interface Recorded {
  method: string
  url: string
  headers: Record<string, string>
  at: number
}

async function log(bucket: string): Promise<Recorded[]> {
  return (await fetch(`${baseURL()}/__test/log/${bucket}`)).json() as Promise<Recorded[]>
}

describe('the load simulator in Chromium', () => {
  const { newPage } = useBrowser()
  const open = async (query = ''): Promise<TestPage> => {
    const page = await newPage(`${FIXTURE}${query}`)
    await page.waitForFunction(() => window.loadReady)
    return page
  }

  it('reaches its target arrival rate within ±5 % and tags every request', async () => {
    const bucket = `rate-${Date.now()}`
    const page = await open('?concurrency=32')
    const result = await page.evaluate(
      (url) =>
        window.loadMonitor.load.run({
          executor: 'constant-arrival-rate',
          rate: 20,
          durationMs: 3000,
          requests: [{ url }],
        }),
      `/__test/record/${bucket}`,
    )
    const seen = await log(bucket)
    expect(
      seen.length,
      JSON.stringify({ dropped: result.droppedIterations, latency: result.latency }),
    ).toBeGreaterThanOrEqual(57)
    expect(seen.length).toBeLessThanOrEqual(63)
    expect(result.status).toBe('completed')
    expect(result.requests).toBe(seen.length)
    expect(new Set(seen.map((r) => r.headers['x-perfscope-load']))).toEqual(new Set([result.runId]))
    // The run's own requests stay out of the app's endpoint figures.
    const endpoints = await page.evaluate(() => window.loadMonitor.snapshot().endpoints.map((e) => e.key))
    expect(endpoints.some((key) => key.includes(bucket))).toBe(false)
  })

  it('emergency stop aborts the run: no request starts 100 ms after it and no timer is left', async () => {
    const bucket = `stop-${Date.now()}`
    const page = await open()
    const outcome = await page.evaluate(async (url) => {
      const load = window.loadMonitor.load
      const done = load.run({
        executor: 'constant-users',
        users: 20,
        durationMs: 20_000,
        thinkTimeMs: 0,
        requests: [{ url }],
      })
      // Stop mid-run: once requests are flowing (on a busy machine the runner's chunk can take a while to come).
      const flowingBy = Date.now() + 10_000
      while (window.loadStarts.length < 10 && Date.now() < flowingBy) await new Promise((r) => setTimeout(r, 20))
      const stopAt = Date.now()
      load.stop()
      const result = await done
      await new Promise((r) => setTimeout(r, 500))
      const late = window.loadStarts.filter((t) => t > stopAt + 100)
      return {
        started: window.loadStarts.length,
        late,
        status: result.status,
        reason: result.reason,
        timers: load.pendingTimers,
        active: load.active,
      }
    }, `/__test/record/${bucket}?delay=30`)
    const seen = await log(bucket)
    expect(seen.length).toBeGreaterThan(5)
    // Started in the page, not merely arrived at the (possibly busy) server, after the stop: none.
    expect(outcome.late).toEqual([])
    expect(seen.length).toBeLessThanOrEqual(outcome.started)
    expect(outcome).toMatchObject({ status: 'stopped', reason: 'emergency stop', timers: 0, active: false })
  })

  it('ends a run stopped before its runner has loaded without sending anything, and refuses a second run meanwhile', async () => {
    const bucket = `early-stop-${Date.now()}`
    const page = await open()
    const outcome = await page.evaluate(async (url) => {
      const load = window.loadMonitor.load
      const scenario = { executor: 'constant-arrival-rate' as const, rate: 50, durationMs: 5000, requests: [{ url }] }
      const done = load.run(scenario)
      const activeAtOnce = load.active
      const second = await load.run(scenario).then(
        () => 'ran',
        (error: Error) => error.message,
      )
      load.stop('changed my mind')
      const result = await done
      await new Promise((r) => setTimeout(r, 300))
      return {
        activeAtOnce,
        second,
        status: result.status,
        reason: result.reason,
        requests: result.requests,
        timers: load.pendingTimers,
        active: load.active,
      }
    }, `/__test/record/${bucket}`)
    expect(outcome.second).toMatch(/one run at a time/)
    expect(outcome).toMatchObject({
      activeAtOnce: true,
      status: 'stopped',
      reason: 'changed my mind',
      requests: 0,
      timers: 0,
      active: false,
    })
    expect(await log(bucket)).toEqual([])
  })

  it('refuses a forbidden origin with an error naming the field, and sends nothing', async () => {
    const bucket = `forbidden-${Date.now()}`
    const page = await open()
    const port = new URL(baseURL()).port
    const error = await page.evaluate(async (url) => {
      try {
        await window.loadMonitor.load.run({
          executor: 'constant-users',
          users: 2,
          durationMs: 1000,
          requests: [{ url }],
        })
        return null
      } catch (e) {
        return { name: (e as Error).name, message: (e as Error).message }
      }
    }, `http://localhost:${port}/__test/record/${bucket}`)
    expect(error).toEqual({
      name: 'LoadScenarioError',
      message: expect.stringContaining('requests[0].url targets http://localhost:'),
    })
    expect(await log(bucket)).toEqual([])
    const state = await page.evaluate(() => window.loadMonitor.snapshot().load)
    expect(state!.error).toContain('requests[0].url')
  })

  it('stops by itself when the error rate passes its limit', async () => {
    const page = await open()
    const result = await page.evaluate(() =>
      window.loadMonitor.load.run({
        executor: 'constant-arrival-rate',
        rate: 40,
        durationMs: 10_000,
        requests: [{ url: '/__test/json?status=503' }],
      }),
    )
    expect(result.status).toBe('auto-stopped')
    expect(result.reason).toMatch(/error rate 100\.0 % over the last 50 requests passed the 50\.0 % limit/)
    expect(result.durationMs).toBeLessThan(5000)
    expect(result.errorsByKind.http5xx).toBeGreaterThan(0)
    expect(result.findings.join(' ')).toMatch(/first endpoint to fail/)
  })

  it('evaluates k6-style thresholds, overall and per endpoint, and fails the run when a scenario throws', async () => {
    const page = await open()
    const result = await page.evaluate(() =>
      window.loadMonitor.load.run({
        executor: 'constant-arrival-rate',
        rate: 20,
        durationMs: 1500,
        requests: [{ url: '/__test/json?size=200' }],
        thresholds: {
          http_req_duration: ['p(95)<5000', 'max<0.001'],
          http_req_failed: ['rate<0.01'],
          http_reqs: ['count>10'],
          'http_req_duration{endpoint:GET /__test/json}': ['avg<5000'],
        },
      }),
    )
    expect(result.thresholds.map((t) => `${t.expression}:${t.status}`)).toEqual([
      'p(95)<5000:pass',
      'max<0.001:fail',
      'rate<0.01:pass',
      'count>10:pass',
      'avg<5000:pass',
    ])
    expect(result.passed).toBe(false)

    const thrown = await page.evaluate(() =>
      window.loadMonitor.load.run({
        executor: 'constant-users',
        users: 1,
        durationMs: 2000,
        user: async () => {
          throw new Error('login failed')
        },
        thresholds: { http_req_failed: ['rate<0.01'] },
      }),
    )
    expect(thrown).toMatchObject({ status: 'error', passed: false, reason: 'the scenario threw: login failed' })
  })
})
