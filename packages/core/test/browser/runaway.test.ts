import { describe, expect, it } from 'vitest'
import { useBrowser, type TestPage } from '../../../../test-support/browser'
import { NETWORK_FIXTURE } from './transparency'

const { newPage } = useBrowser()

async function open(): Promise<TestPage> {
  const page = await newPage(NETWORK_FIXTURE)
  await page.waitForFunction(() => window.perfscopeReady)
  return page
}

describe('polling runaways in Chromium', () => {
  it('learns the intended polling interval, flags a runaway within seconds with its reason, and clears when the pace returns', async () => {
    const page = await open()
    const result = await page.evaluate(async () => {
      window.startNetwork(undefined, false)
      const key = 'GET /__test/json'
      const endpoint = () => window.monitor!.snapshot().endpoints.find((e) => e.key === key)
      const poll = (interval: number) => setInterval(() => void fetch('/__test/json').then((r) => r.text()), interval)

      let timer = poll(300)
      await window.sleep(3500)
      const steady = await window.settled().then(() => endpoint())
      clearInterval(timer)

      timer = poll(60)
      const runawayStart = performance.now()
      let flaggedAfter: number | null = null
      let flagged = steady
      while (performance.now() - runawayStart < 6000) {
        await window.sleep(100)
        flagged = endpoint()
        // A loaded machine can make the fast polls overlap first; the rate reason must follow within seconds.
        if (flagged?.runaway.kind === 'rate') {
          flaggedAfter = performance.now() - runawayStart
          break
        }
      }
      // The core raises an alert for it, as for a broken budget (checked when the page is next idle).
      let alert = null
      const alertStart = performance.now()
      while (alert === null && performance.now() - alertStart < 3000) {
        await window.sleep(100)
        alert =
          window.monitor!.snapshot().alerts.find((a) => a.metric === `runaway ${key}` && a.endedAt === null) ?? null
      }
      clearInterval(timer)

      timer = poll(300)
      await window.sleep(2500)
      const cleared = await window.settled().then(() => endpoint())
      clearInterval(timer)
      return { steady, flagged, flaggedAfter, alert, cleared }
    })
    expect(result.steady?.runaway.active).toBe(false)
    expect(result.steady?.pollIntervalMs).toBeGreaterThan(200)
    expect(result.steady?.pollIntervalMs).toBeLessThan(400)
    expect(result.flaggedAfter).not.toBeNull()
    expect(result.flaggedAfter!).toBeLessThan(5000)
    expect(result.flagged?.runaway).toMatchObject({ active: true, kind: 'rate' })
    expect(result.flagged?.runaway.reason).toMatch(/^rate: every \d+ ms, learned polling interval \d+ ms$/)
    expect(result.alert).toMatchObject({
      level: 'critical',
      message: expect.stringMatching(/^GET \/__test\/json is a runaway: /),
    })
    expect(result.cleared?.runaway).toEqual({ active: false, reason: null, kind: null })
  })

  it('flags polls that start before the previous one finished (overlap)', async () => {
    const page = await open()
    const endpoint = await page.evaluate(async () => {
      window.startNetwork(undefined, false)
      const timer = setInterval(() => void fetch('/__test/json?delay=450').then((r) => r.text()), 300)
      await window.sleep(3000)
      clearInterval(timer)
      // Unwatched, figures are published every 2 s, after the collector's idle moment: on a busy machine the first
      // publish can come after these 3 s. A report folds what the recorder holds and publishes it now.
      await window.monitor!.report()
      return window.monitor!.snapshot().endpoints.find((e) => e.key === 'GET /__test/json')
    })
    expect(endpoint?.runaway).toMatchObject({ active: true, kind: 'overlap' })
    expect(endpoint?.runaway.reason).toMatch(/^overlap: \d+ polls in a row started before the previous one finished$/)
  })

  it('flags an endpoint past its configured ceiling, polling or not', async () => {
    const page = await open()
    const endpoint = await page.evaluate(async () => {
      window.startNetwork({ budgets: [{ match: 'GET /__test/*', maxPerSecond: 5 }] }, false)
      await Promise.all(Array.from({ length: 8 }, () => fetch('/__test/json').then((r) => r.text())))
      return (await window.settled()).endpoints.find((e) => e.key === 'GET /__test/json')
    })
    expect(endpoint?.runaway).toMatchObject({ active: true, kind: 'ceiling' })
    expect(endpoint?.runaway.reason).toBe('ceiling: 8 calls in one second, ceiling 5/s')
  })
})

describe('service health in Chromium', () => {
  it('turns an endpoint that starts failing from healthy to failing, with the reason', async () => {
    const page = await open()
    const result = await page.evaluate(async () => {
      // Latency is judged too; a loose latency budget keeps a loaded test machine from making this about speed.
      window.startNetwork({ budgets: [{ match: 'GET /__test/json', p95Ms: [5000, 10000] }] }, false)
      const endpoint = () => window.monitor!.snapshot().endpoints.find((e) => e.key === 'GET /__test/json')
      for (let i = 0; i < 10; i++) await (await fetch('/__test/json')).text()
      const healthy = await window.settled().then(() => endpoint())
      for (let i = 0; i < 3; i++) await (await fetch('/__test/json?status=500')).text()
      const failing = await window.settled().then(() => endpoint())
      return { healthy, failing }
    })
    expect(result.healthy).toMatchObject({ health: 'healthy', healthReason: null, errors: 0 })
    expect(result.failing).toMatchObject({ health: 'failing', errors: 3, lastStatus: 500 })
    expect(result.failing?.healthReason).toBe('error rate 23.08 % > 1 %')
  })

  it('marks a same-origin endpoint slower than p95 100 ms unhealthy by default, and a custom budget overrides the default', async () => {
    const page = await open()
    const result = await page.evaluate(async () => {
      window.startNetwork({ budgets: [{ match: 'GET /__test/echo', p95Ms: [5000, 10000] }] }, false)
      for (let i = 0; i < 3; i++) await (await fetch('/__test/json?delay=150')).text()
      for (let i = 0; i < 3; i++) await (await fetch('/__test/echo?delay=150')).text()
      const endpoints = (await window.settled()).endpoints
      return Object.fromEntries(endpoints.map((e) => [e.key, [e.health, e.healthReason]]))
    })
    // 150 ms on loopback is degraded, and so is past 200 ms on a loaded machine: slow is never failing.
    expect(result['GET /__test/json']?.[0]).toBe('degraded')
    expect(result['GET /__test/json']?.[1]).toMatch(/^slow: p95 \d+ ms > (100|200) ms$/)
    expect(result['GET /__test/echo']).toEqual(['healthy', null])
  })
})
