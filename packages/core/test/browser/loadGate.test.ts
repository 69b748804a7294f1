import { describe, expect, it } from 'vitest'
import { baseURL, useBrowser, type TestPage } from '../../../../test-support/browser'

const FIXTURE = '/packages/core/test/browser/fixtures/load.html'

async function log(
  bucket: string,
): Promise<Array<{ url: string; bodyLength: number; headers: Record<string, string> }>> {
  return (await fetch(`${baseURL()}/__test/log/${bucket}`)).json() as Promise<
    Array<{ url: string; bodyLength: number; headers: Record<string, string> }>
  >
}

/** The same test server on another origin: `localhost` instead of `127.0.0.1`. */
function otherOrigin(path: string): string {
  return `http://localhost:${new URL(baseURL()).port}${path}`
}

describe('the load gate holds against the scenario’s own code (Chromium)', () => {
  const { newPage } = useBrowser()
  const open = async (query = ''): Promise<TestPage> => {
    const page = await newPage(`${FIXTURE}${query}`)
    await page.waitForFunction(() => window.loadReady)
    return page
  }

  it('ends the run when vu.fetch targets an origin outside the allow-list, and sends it nothing', async () => {
    const bucket = `gate-target-${Date.now()}`
    const page = await open()
    const result = await page.evaluate(
      (target) =>
        window.loadMonitor.load.run({
          executor: 'constant-users',
          users: 2,
          durationMs: 2000,
          thinkTimeMs: 0,
          user: async (vu) => {
            await vu.fetch('/__test/json')
            await vu.fetch(target)
          },
        }),
      otherOrigin(`/__test/record/${bucket}`),
    )
    expect(result.status).toBe('error')
    expect(result.reason).toMatch(
      /a request was refused: request targets http:\/\/localhost:\d+, which is neither the page's origin/,
    )
    expect(await log(bucket)).toEqual([])
  })

  it('does not follow a redirect to another origin, and reports it in the run', async () => {
    const bucket = `gate-redirect-${Date.now()}`
    const page = await open()
    const redirect = `/__test/redirect?to=${encodeURIComponent(otherOrigin(`/__test/record/${bucket}`))}`
    const result = await page.evaluate(
      (url) =>
        window.loadMonitor.load.run({
          executor: 'constant-arrival-rate',
          rate: 10,
          durationMs: 1000,
          requests: [{ url }],
        }),
      redirect,
    )
    const fromUser = await page.evaluate(
      (url) =>
        window.loadMonitor.load.run({
          executor: 'constant-users',
          users: 1,
          durationMs: 500,
          user: async (vu) => {
            const response = await vu.fetch(url, { redirect: 'follow' })
            if (response.type !== 'opaqueredirect') throw new Error(`followed: ${response.type}`)
          },
        }),
      redirect,
    )
    expect(await log(bucket)).toEqual([])
    // A loaded machine starts fewer than the ten scheduled requests in the second; each one that starts is a redirect.
    expect(result.requests).toBeGreaterThan(0)
    expect(result.errorsByKind.redirect).toBe(result.requests)
    expect(result.findings.join(' ')).toMatch(/answered with a redirect, which the simulator does not follow/)
    expect(fromUser.status).toBe('completed')
    expect(fromUser.errorsByKind.redirect).toBeGreaterThan(0)
  })

  it('holds maxRps for user-count executors and user functions that fire without pause', async () => {
    const page = await open('?rps=10&concurrency=8')
    const outcome = await page.evaluate(async () => {
      const load = window.loadMonitor.load
      const users = await load.run({
        executor: 'constant-users',
        users: 20,
        durationMs: 2000,
        thinkTimeMs: 0,
        requests: [{ url: '/__test/json' }],
      })
      const fromFunction = await load.run({
        executor: 'constant-users',
        users: 5,
        durationMs: 2000,
        thinkTimeMs: 0,
        user: async (vu) => {
          await Promise.all(Array.from({ length: 10 }, () => vu.fetch('/__test/json')))
        },
      })
      return { users: users.requests, fromFunction: fromFunction.requests, status: [users.status, fromFunction.status] }
    })
    // 10 requests a second for 2 s, one more at the start, and the grace period's last few.
    expect(outcome.users).toBeLessThanOrEqual(22)
    expect(outcome.fromFunction).toBeLessThanOrEqual(22)
    expect(outcome.users).toBeGreaterThanOrEqual(12)
    expect(outcome.status).toEqual(['completed', 'completed'])
  })

  it('refuses a body generator and a vu.fetch body over the payload cap before sending them', async () => {
    const bucket = `gate-body-${Date.now()}`
    const page = await open('?payload=1048576')
    const outcome = await page.evaluate(async (url) => {
      const load = window.loadMonitor.load
      const generated = await load.run({
        executor: 'constant-arrival-rate',
        rate: 5,
        durationMs: 1000,
        requests: [{ method: 'POST', url, body: () => 'x'.repeat(3 * 1024 * 1024) }],
      })
      const fromUser = await load.run({
        executor: 'constant-users',
        users: 1,
        durationMs: 1000,
        user: async (vu) => {
          await vu.fetch(url, { method: 'POST', body: new Uint8Array(3 * 1024 * 1024) })
        },
      })
      const stream = await load.run({
        executor: 'constant-users',
        users: 1,
        durationMs: 1000,
        user: async (vu) => {
          await vu.fetch(url, { method: 'POST', body: new Blob(['x']).stream(), duplex: 'half' } as RequestInit)
        },
      })
      return [generated, fromUser, stream].map((r) => ({ status: r.status, reason: r.reason }))
    }, `/__test/record/${bucket}`)
    expect(outcome[0]).toEqual({
      status: 'error',
      reason: expect.stringMatching(/request body is 3145728 bytes, over the 1048576-byte cap/),
    })
    expect(outcome[1]).toEqual({
      status: 'error',
      reason: expect.stringMatching(/request body is 3145728 bytes, over the 1048576-byte cap/),
    })
    expect(outcome[2]).toEqual({ status: 'error', reason: expect.stringMatching(/a stream has no size to check/) })
    expect(await log(bucket)).toEqual([])
  })

  it('shares the in-flight and rate caps between two monitors on one page', async () => {
    const both = (page: TestPage, url: string) =>
      page.evaluate(async (target) => {
        const scenario = {
          executor: 'constant-users' as const,
          users: 10,
          durationMs: 2000,
          thinkTimeMs: 0,
          requests: [{ url: target }],
        }
        const [a, b] = await Promise.all([
          window.loadMonitor.load.run(scenario),
          window.secondMonitor!.load.run(scenario),
        ])
        return { requests: a.requests + b.requests, peak: window.loadPeakInFlight, status: [a.status, b.status] }
      }, url)
    // Slow answers and a high rate cap: only the shared in-flight cap holds the page at 2 (4 with a cap each).
    const slow = await both(await open('?second&concurrency=2&rps=1000'), '/__test/json?delay=300')
    expect(slow.peak).toBe(2)
    // Quick answers: only the shared rate cap holds both runs together to 10 starts a second (20 with a cap each).
    const bucket = `gate-shared-${Date.now()}`
    const quick = await both(await open('?second&concurrency=8&rps=10'), `/__test/record/${bucket}`)
    expect(quick.requests).toBeLessThanOrEqual(22)
    expect((await log(bucket)).length).toBe(quick.requests)
    expect([...slow.status, ...quick.status]).toEqual(['completed', 'completed', 'completed', 'completed'])
  })
  it('shares the users and memory-pressure caps between two monitors on one page', async () => {
    const mib = 1024 * 1024
    const page = await open(`?second&users=4&concurrency=8&memory=${48 * mib}`)
    const outcome = await page.evaluate(async () => {
      const scenario = {
        executor: 'constant-users' as const,
        users: 4,
        durationMs: 1500,
        thinkTimeMs: 0,
        requests: [{ url: '/__test/json?delay=50' }],
      }
      let peakUsers = 0
      const runs = Promise.all([window.loadMonitor.load.run(scenario), window.secondMonitor!.load.run(scenario)])
      const watch = setInterval(() => {
        const users = [window.loadMonitor, window.secondMonitor!].reduce(
          (sum, m) => sum + (m.snapshot().load?.active?.activeUsers ?? 0),
          0,
        )
        peakUsers = Math.max(peakUsers, users)
      }, 20)
      await runs
      clearInterval(watch)
      const memory = { stepBytes: 16 * 1024 * 1024, steps: 2, stepMs: 50, holdMs: 500 }
      const [a, b] = await Promise.all([
        window.loadMonitor.load.run({ memory }),
        window.secondMonitor!.load.run({ memory }),
      ])
      return {
        peakUsers,
        memory: [a, b].map((r) => ({ status: r.status, reason: r.reason, peak: r.memory?.peakHeldBytes })),
      }
    })
    expect(outcome.peakUsers).toBeLessThanOrEqual(4)
    expect(outcome.peakUsers).toBeGreaterThan(0)
    // 2 × 32 MiB asked, 48 MiB allowed on the page: one run holds its 32 MiB, the other stops at its second step.
    const statuses = outcome.memory.map((m) => m.status).sort()
    expect(statuses).toEqual(['completed', 'error'])
    expect(outcome.memory.find((m) => m.status === 'error')!.reason).toMatch(
      /memory pressure would hold 64 MiB on the page, over the 48 MiB cap/,
    )
  })
})
