import { describe, expect, it } from 'vitest'
import { baseURL, useBrowser, type TestPage } from '../../../../test-support/browser'

const FIXTURE = '/packages/core/test/browser/fixtures/load.html'
const MIB = 2 ** 20

async function log(bucket: string): Promise<unknown[]> {
  return (await fetch(`${baseURL()}/__test/log/${bucket}`)).json() as Promise<unknown[]>
}

describe('memory pressure and a slow network in Chromium', () => {
  const { newPage } = useBrowser()
  const open = async (): Promise<TestPage> => {
    const page = await newPage(FIXTURE)
    await page.waitForFunction(() => window.loadReady)
    return page
  }

  it('grows held memory in steps up to its total, then releases it before the run completes', async () => {
    const page = await open()
    const outcome = await page.evaluate(async (mib) => {
      const monitor = window.loadMonitor
      const seen: number[] = []
      const off = monitor.subscribe((s) => {
        const held = s.load?.active?.memoryHeldBytes
        if (held !== undefined && held !== seen[seen.length - 1]) seen.push(held)
      })
      const result = await monitor.load.run({
        memory: { stepBytes: 16 * mib, targetBytes: 64 * mib, stepMs: 150, holdMs: 300 },
      })
      off()
      return { seen, result, timers: monitor.load.pendingTimers, active: monitor.snapshot().load?.active ?? null }
    }, MIB)
    // Every step is seen (progress is published every 20 ms, steps are 150 ms apart), never past the total.
    expect(outcome.seen).toEqual([0, 16 * MIB, 32 * MIB, 48 * MIB, 64 * MIB, 0])
    expect(outcome.result).toMatchObject({ status: 'completed', executor: 'none', requests: 0 })
    expect(outcome.result.memory).toMatchObject({ peakHeldBytes: 64 * MIB, stepsDone: 4, heldAfterBytes: 0 })
    expect(outcome.result.memory!.heapBefore).toBeGreaterThan(0)
    expect(outcome.result.findings.join(' ')).toMatch(
      /Memory pressure held up to 64 MiB in 4 steps; the JS heap went from \d+ MiB/,
    )
    expect({ timers: outcome.timers, active: outcome.active }).toEqual({ timers: 0, active: null })
  })

  it('releases everything on emergency stop: held bytes 0, no timer left', async () => {
    const page = await open()
    const outcome = await page.evaluate(async (mib) => {
      const load = window.loadMonitor.load
      const done = load.run({ memory: { stepBytes: 8 * mib, steps: 4, stepMs: 50, holdMs: 60_000 } })
      const full = () => window.loadMonitor.snapshot().load?.active?.memoryHeldBytes === 32 * mib
      while (!full()) await new Promise((r) => setTimeout(r, 20))
      load.stop()
      const result = await done
      return { result, timers: load.pendingTimers, active: load.active }
    }, MIB)
    expect(outcome.result).toMatchObject({ status: 'stopped', reason: 'emergency stop' })
    expect(outcome.result.memory).toMatchObject({ peakHeldBytes: 32 * MIB, stepsDone: 4, heldAfterBytes: 0 })
    expect(outcome).toMatchObject({ timers: 0, active: false })
  })

  it('releases everything when the heap auto-stop fires and when the page is closed', async () => {
    const page = await open()
    const outcome = await page.evaluate(async (mib) => {
      const load = window.loadMonitor.load
      const heap = () => (performance as Performance & { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize
      // Chromium counts the held buffers in usedJSHeapSize, so a heap limit 40 MiB above now stops the run.
      const autoStopped = await load.run({
        memory: { stepBytes: 16 * mib, steps: 8, stepMs: 100, holdMs: 5000 },
        autoStop: { heapBytes: heap() + 40 * mib },
      })
      const closing = load.run({ memory: { stepBytes: 8 * mib, steps: 2, stepMs: 50, holdMs: 60_000 } })
      while (window.loadMonitor.snapshot().load?.active?.memoryHeldBytes !== 16 * mib)
        await new Promise((r) => setTimeout(r, 20))
      window.dispatchEvent(new PageTransitionEvent('pagehide'))
      const closed = await closing
      return { autoStopped, closed, timers: load.pendingTimers }
    }, MIB)
    expect(outcome.autoStopped).toMatchObject({
      status: 'auto-stopped',
      reason: expect.stringMatching(/^JS heap \d+ MiB passed the \d+ MiB limit$/),
    })
    expect(outcome.autoStopped.memory!.peakHeldBytes).toBeLessThan(128 * MIB)
    expect(outcome.autoStopped.memory!.heldAfterBytes).toBe(0)
    expect(outcome.closed).toMatchObject({ status: 'stopped', reason: 'the page was closed' })
    expect(outcome.closed.memory).toMatchObject({ peakHeldBytes: 16 * MIB, heldAfterBytes: 0 })
    expect(outcome.timers).toBe(0)
  })

  it('refuses memory over the cap before allocating anything', async () => {
    const page = await open()
    const error = await page.evaluate(async (mib) => {
      try {
        await window.loadMonitor.load.run({ memory: { stepBytes: 128 * mib, steps: 3 } })
        return null
      } catch (e) {
        return (e as Error).message
      }
    }, MIB)
    expect(error).toBe(
      'perfscope load: memory.steps would hold 384 MiB (3 × 128 MiB), over the 256 MiB cap (load.limits.maxMemoryBytes)',
    )
    expect(await page.evaluate(() => window.loadMonitor.load.active)).toBe(false)
  })

  it("delays the app's own fetch by at least latency − jitter, fails about failureRate of them unsent, and leaves tagged requests alone", async () => {
    const bucket = `slow-${Date.now()}`
    const page = await open()
    const outcome = await page.evaluate(async (url) => {
      // A seeded generator (mulberry32) keeps the failures the same on every run of the test.
      let seed = 42
      const random = () => {
        seed = (seed + 0x6d2b79f5) | 0
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296
      }
      const load = window.loadMonitor.load
      const done = load.run({ durationMs: 60_000, fault: { latencyMs: 400, jitterMs: 100, failureRate: 0.25, random } })
      // The fault is in place once the run is active (the runner's chunk loads on the first run).
      while (!window.loadMonitor.snapshot().load?.active) await new Promise((r) => setTimeout(r, 10))
      const app = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const t0 = performance.now()
          try {
            const response = await fetch(`${url}?app=${i}`)
            await response.text()
            return { ms: performance.now() - t0, error: null }
          } catch (error) {
            return { ms: performance.now() - t0, error: `${(error as Error).name}: ${(error as Error).message}` }
          }
        }),
      )
      // perfscope's own and the load simulator's requests: never delayed, never failed.
      const tagged = await Promise.all(
        ['X-Perfscope-Internal', 'X-Perfscope-Load'].flatMap((header) =>
          Array.from({ length: 5 }, () =>
            fetch(`${url}?tagged=1`, { headers: { [header]: '1' } }).then((r) => r.status),
          ),
        ),
      )
      load.stop()
      const result = await done
      return { app, tagged, result }
    }, `/__test/record/${bucket}`)
    const failed = outcome.app.filter((r) => r.error !== null)
    expect(new Set(failed.map((r) => r.error))).toEqual(new Set(['TypeError: Failed to fetch']))
    expect(failed.length).toBeGreaterThanOrEqual(4)
    expect(failed.length).toBeLessThanOrEqual(16)
    // Failed or sent, every app call waited at least latency − jitter (a lower bound only: the machine may be busy).
    for (const r of outcome.app) expect(r.ms).toBeGreaterThanOrEqual(300 - 1)
    expect(outcome.tagged).toEqual(Array(10).fill(200))
    expect(outcome.result.fault).toEqual({
      latencyMs: 400,
      jitterMs: 100,
      failureRate: 0.25,
      delayed: 40,
      failed: failed.length,
    })
    // The failed ones never reached the server; every tagged one did.
    const seen = (await log(bucket)) as Array<{ url: string }>
    expect(seen.filter((r) => r.url.includes('app=')).length).toBe(40 - failed.length)
    expect(seen.filter((r) => r.url.includes('tagged=')).length).toBe(10)
    // The app saw the failures: its endpoint counts them as network errors (once the figures are published).
    const errors = () =>
      page.evaluate(
        () => window.loadMonitor.snapshot().endpoints.find((e) => e.key.includes('/__test/record'))?.errors ?? 0,
      )
    await expect.poll(errors, { timeout: 5_000 }).toBeGreaterThanOrEqual(failed.length)
  })

  it('on stop sends a request that was being delayed at once, then the app’s fetch is not delayed any more', async () => {
    const bucket = `slow-stop-${Date.now()}`
    const page = await open()
    const outcome = await page.evaluate(async (url) => {
      const load = window.loadMonitor.load
      const done = load.run({ durationMs: 60_000, fault: { latencyMs: 20_000, jitterMs: 0, failureRate: 0 } })
      while (!window.loadMonitor.snapshot().load?.active) await new Promise((r) => setTimeout(r, 10))
      const t0 = performance.now()
      const waiting = fetch(`${url}?during=1`).then((r) => ({ status: r.status, ms: performance.now() - t0 }))
      await new Promise((r) => setTimeout(r, 300))
      const timersBeforeStop = load.pendingTimers
      load.stop()
      const stopped = await waiting
      const result = await done
      const after = []
      for (let i = 0; i < 3; i++) {
        const t = performance.now()
        const r = await fetch(`${url}?after=${i}`)
        after.push({ status: r.status, ms: performance.now() - t })
      }
      return { stopped, after, result, timersBeforeStop, timers: load.pendingTimers }
    }, `/__test/record/${bucket}`)
    expect(outcome.timersBeforeStop).toBeGreaterThan(0)
    // Sent at the stop, not lost and not left to wait out its 20 s.
    expect(outcome.stopped.status).toBe(200)
    expect(outcome.stopped.ms).toBeLessThan(15_000)
    expect(outcome.result.fault).toMatchObject({ delayed: 1, failed: 0 })
    // After the stop the hook is gone: nothing is delayed (a bound at half the injected latency, far from noise).
    for (const r of outcome.after) expect(r).toMatchObject({ status: 200, ms: expect.any(Number) })
    for (const r of outcome.after) expect(r.ms).toBeLessThan(10_000)
    expect(outcome.timers).toBe(0)
    expect(((await log(bucket)) as unknown[]).length).toBe(4)
  })
})
