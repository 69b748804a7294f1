import { describe, expect, it } from 'vitest'
import { useBrowser } from '../../../../test-support/browser'
import { OVERLAY_FIXTURE } from './fixtures/overlayFixture.ts'

/** Counts timers and animation frames the page schedules once `window.countTimers` is set. */
function installTimerCounter() {
  const w = window as unknown as { countTimers: boolean; timerCalls: Record<string, number> }
  w.countTimers = false
  w.timerCalls = { setTimeout: 0, setInterval: 0, requestAnimationFrame: 0 }
  for (const name of ['setTimeout', 'setInterval', 'requestAnimationFrame'] as const) {
    const original = window[name] as (...args: unknown[]) => number
    ;(window as unknown as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
      if (w.countTimers) w.timerCalls[name]!++
      return original.apply(this, args)
    }
  }
}

describe('<PerfOverlay/> at rest', () => {
  const { newPage } = useBrowser()

  it('schedules no interval, no animation frame and no self-rearming timer while closed, even as data arrives', async () => {
    const page = await newPage()
    await page.addInitScript(installTimerCounter)
    await page.goto(OVERLAY_FIXTURE)
    await page.getByRole('button', { name: 'Performance overlay' }).waitFor()
    // Start-up's samples (Web Vitals) owe one deferred write to history, on a timer they armed; it is done by 3 s.
    await page.evaluate(async () => {
      const w = window as unknown as { countTimers: boolean }
      await new Promise((r) => setTimeout(r, 3000))
      w.countTimers = true
    })
    await page.evaluate(() => window.recordRender('List', 3))
    await page.waitForTimeout(1500)
    await page.evaluate(() => window.recordRender('List', 4))
    // The new samples may owe one deferred write to history (a timer they armed, and its IndexedDB time limits);
    // after it nothing is armed again while the app is quiet.
    const timers = () =>
      page.evaluate(() => ({ ...(window as unknown as { timerCalls: Record<string, number> }).timerCalls }))
    await page.waitForTimeout(3000)
    const calls = await timers()
    expect(calls).toMatchObject({ setInterval: 0, requestAnimationFrame: 0 })
    expect(calls.setTimeout).toBeLessThanOrEqual(8)
    await page.waitForTimeout(2500)
    expect(await timers()).toEqual(calls)
    expect(page.uncaughtErrors).toEqual([])
  })

  it('redraws charts on animation frames (never an interval) while open, and once closed arms nothing that re-arms itself', async () => {
    const page = await newPage()
    await page.addInitScript(installTimerCounter)
    await page.goto(OVERLAY_FIXTURE)
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.waitForFunction(() => performance.getEntriesByName('perfscope:first-chart').length > 0)
    await page.evaluate(() => {
      ;(window as unknown as { countTimers: boolean }).countTimers = true
    })
    for (let i = 0; i < 3; i++) {
      await page.evaluate((ms) => window.recordRender('List', ms), i + 1)
      await page.waitForTimeout(1100)
    }
    const open = await page.evaluate(() => ({
      ...(window as unknown as { timerCalls: Record<string, number> }).timerCalls,
    }))
    expect(open.setInterval).toBe(0)
    expect(open.requestAnimationFrame).toBeGreaterThan(0)
    await page.keyboard.press('Alt+Shift+KeyP')
    await page.getByRole('tablist').waitFor({ state: 'detached' })
    // Samples of the open phase (the frame rate) may still owe a write to history, on one timer armed by them;
    // it fires within 3 s and arms nothing after it.
    await page.waitForTimeout(3000)
    await page.evaluate(() => {
      const w = window as unknown as { timerCalls: Record<string, number> }
      w.timerCalls = { setTimeout: 0, setInterval: 0, requestAnimationFrame: 0 }
    })
    await page.evaluate(() => window.recordRender('List', 9))
    await page.waitForTimeout(1200)
    await page.evaluate(() => window.recordRender('List', 9))
    // New samples owe a write to history: one timer armed by them, and the time limits of its IndexedDB calls.
    // Once written, nothing is armed again while the app is quiet: no interval, no frame, no timer re-arming itself.
    const timers = () =>
      page.evaluate(() => ({ ...(window as unknown as { timerCalls: Record<string, number> }).timerCalls }))
    await page.waitForTimeout(3000)
    const afterSamples = await timers()
    expect(afterSamples).toMatchObject({ setInterval: 0, requestAnimationFrame: 0 })
    expect(afterSamples.setTimeout).toBeLessThanOrEqual(8)
    await page.waitForTimeout(2500)
    expect(await timers()).toEqual(afterSamples)
  })

  it('sends no snapshot to other tabs until a page says hello, one per ack while it listens, none after it leaves', async () => {
    const page = await newPage()
    await page.goto(OVERLAY_FIXTURE)
    await page.getByRole('button', { name: 'Performance overlay' }).waitFor()
    await page.evaluate(() => {
      const w = window as unknown as { wire: BroadcastChannel; heard: { type: string; tab?: string }[] }
      w.heard = []
      w.wire = new BroadcastChannel('perfscope:tabs')
      w.wire.onmessage = (e: MessageEvent) => w.heard.push(e.data as { type: string; tab?: string })
    })
    const snapshots = () =>
      page.evaluate(
        () => (window as unknown as { heard: { type: string }[] }).heard.filter((m) => m.type === 'snapshot').length,
      )
    const say = (message: Record<string, unknown>) =>
      page.evaluate((m) => (window as unknown as { wire: BroadcastChannel }).wire.postMessage({ v: 1, ...m }), message)
    await page.evaluate(() => window.recordRender('List', 3))
    await page.waitForTimeout(1200)
    expect(await snapshots()).toBe(0)

    await say({ type: 'hello', page: 'dev' })
    await expect.poll(snapshots).toBe(1)
    // No ack: however much changes, nothing more is sent.
    await page.evaluate(() => window.recordRender('List', 4))
    await page.waitForTimeout(1500)
    expect(await snapshots()).toBe(1)
    const tab = await page.evaluate(
      () =>
        (window as unknown as { heard: { type: string; tab: string }[] }).heard.find((m) => m.type === 'snapshot')!.tab,
    )
    await say({ type: 'ack', page: 'dev', tab })
    await expect.poll(snapshots).toBe(2)

    await say({ type: 'leave', page: 'dev' })
    await page.waitForTimeout(100)
    await page.evaluate(() => window.recordRender('List', 5))
    await page.waitForTimeout(1500)
    expect(await snapshots()).toBe(2)
    expect(page.uncaughtErrors).toEqual([])
  })
})
