import { describe, expect, it } from 'vitest'
import { baseURL, useBrowser, type TestPage } from '../../../../test-support/browser'

const FIXTURE = '/packages/core/test/browser/fixtures/load.html'

async function log(bucket: string): Promise<Array<{ url: string }>> {
  return (await fetch(`${baseURL()}/__test/log/${bucket}`)).json() as Promise<Array<{ url: string }>>
}

declare global {
  interface Window {
    /** One XHR as an app (or axios) makes it: resolves at loadend with its status, events and time taken. */
    appXhr: (url: string, options?: { sync?: boolean; headers?: Record<string, string> }) => XhrCall
  }
}

interface XhrOutcome {
  status: number
  events: string[]
  ms: number
}
type XhrCall = { xhr: XMLHttpRequest; done: Promise<XhrOutcome> }

function installAppXhr() {
  window.appXhr = (url, { sync = false, headers = {} } = {}) => {
    const xhr = new XMLHttpRequest()
    const events: string[] = []
    const t0 = performance.now()
    const done = new Promise<XhrOutcome>((resolve) => {
      for (const type of ['readystatechange', 'load', 'error', 'abort', 'loadend']) {
        xhr.addEventListener(type, () => {
          events.push(type === 'readystatechange' ? `readyState ${xhr.readyState}` : type)
          if (type === 'loadend') resolve({ status: xhr.status, events, ms: performance.now() - t0 })
        })
      }
    })
    xhr.open('GET', url, !sync)
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value)
    xhr.send()
    return { xhr, done }
  }
}

describe('a slow network on XMLHttpRequest in Chromium', () => {
  const { newPage } = useBrowser()
  const open = async (): Promise<TestPage> => {
    const page = await newPage()
    await page.addInitScript(installAppXhr)
    await page.goto(FIXTURE)
    await page.waitForFunction(() => window.loadReady)
    return page
  }

  it('holds async app XHRs for latency − jitter, fails the drawn share as a native network error never sent, and leaves sync and tagged ones alone', async () => {
    const bucket = `xhr-slow-${Date.now()}`
    const page = await open()
    const outcome = await page.evaluate(async (url) => {
      let seed = 7
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648
        return seed / 2147483648
      }
      // What a real network error looks like to the app, before any fault: the events to match.
      const nativeError = await window.appXhr('http://127.0.0.1:1/refused').done
      const load = window.loadMonitor.load
      const done = load.run({ durationMs: 60_000, fault: { latencyMs: 400, jitterMs: 100, failureRate: 0.3, random } })
      while (!window.loadMonitor.snapshot().load?.active) await new Promise((r) => setTimeout(r, 10))
      const calls = Array.from({ length: 20 }, (_, i) => window.appXhr(`${url}?app=${i}`))
      const heldState = calls[0]!.xhr.readyState
      const app = await Promise.all(calls.map((c) => c.done))
      const sync = await window.appXhr(`${url}?sync=1`, { sync: true }).done
      const tagged = await window.appXhr(`${url}?tagged=1`, { headers: { 'X-Perfscope-Load': 'manual' } }).done
      load.stop()
      return { nativeError, app, heldState, sync, tagged, result: await done }
    }, `/__test/record/${bucket}`)
    expect(outcome.heldState).toBe(1)
    const failed = outcome.app.filter((r) => r.status === 0)
    expect(failed.length).toBeGreaterThanOrEqual(2)
    expect(failed.length).toBeLessThanOrEqual(12)
    // A network error as the browser ends one, event for event.
    expect(outcome.nativeError.events).toEqual(['readyState 1', 'readyState 4', 'error', 'loadend'])
    for (const r of failed) expect(r.events).toEqual(outcome.nativeError.events)
    for (const r of outcome.app.filter((r) => r.status !== 0)) expect(r.events.slice(-2)).toEqual(['load', 'loadend'])
    for (const r of outcome.app) expect(r.ms).toBeGreaterThanOrEqual(300 - 1)
    expect(outcome.sync.status).toBe(200)
    expect(outcome.tagged.status).toBe(200)
    // Only the 20 async app calls were held; the failed ones never reached the server.
    expect(outcome.result.fault).toMatchObject({ delayed: 20, failed: failed.length })
    const seen = await log(bucket)
    expect(seen.filter((r) => r.url.includes('app=')).length).toBe(20 - failed.length)
    expect(seen.filter((r) => /sync=|tagged=/.test(r.url)).length).toBe(2)
  })

  it('ends a held XHR aborted by the app with the native abort events, and sends a held one at once on stop', async () => {
    const bucket = `xhr-stop-${Date.now()}`
    const page = await open()
    const outcome = await page.evaluate(async (url) => {
      // A native abort of a request in flight, before any fault: the events to match.
      const native = window.appXhr(`${url}?native=1&delay=2000`)
      await new Promise((r) => setTimeout(r, 100))
      native.xhr.abort()
      const nativeAbort = await native.done
      const load = window.loadMonitor.load
      const done = load.run({ durationMs: 60_000, fault: { latencyMs: 20_000, jitterMs: 0, failureRate: 0 } })
      while (!window.loadMonitor.snapshot().load?.active) await new Promise((r) => setTimeout(r, 10))
      const aborted = window.appXhr(`${url}?aborted=1`)
      const waiting = window.appXhr(`${url}?waiting=1`)
      let secondSend = 'no error'
      try {
        waiting.xhr.send()
      } catch (error) {
        secondSend = (error as DOMException).name
      }
      await new Promise((r) => setTimeout(r, 200))
      aborted.xhr.abort()
      const abortedOutcome = await aborted.done
      const stopAt = performance.now()
      load.stop()
      const waited = await waiting.done
      const result = await done
      return {
        nativeAbort,
        abortedOutcome,
        secondSend,
        waited,
        sentAfterStopMs: performance.now() - stopAt,
        timers: load.pendingTimers,
        fault: result.fault,
      }
    }, `/__test/record/${bucket}`)
    expect(outcome.nativeAbort.events).toEqual(['readyState 1', 'readyState 4', 'abort', 'loadend'])
    expect(outcome.abortedOutcome).toMatchObject({ status: 0, events: outcome.nativeAbort.events })
    expect(outcome.secondSend).toBe('InvalidStateError')
    expect(outcome.waited.status).toBe(200)
    expect(outcome.sentAfterStopMs).toBeLessThan(10_000)
    expect(outcome.timers).toBe(0)
    expect(outcome.fault).toMatchObject({ delayed: 2, failed: 0 })
    expect((await log(bucket)).some((r) => r.url.includes('waiting=1'))).toBe(true)
  })
})
