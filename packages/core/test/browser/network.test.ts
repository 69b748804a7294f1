import { describe, expect, it } from 'vitest'
import { useBrowser, type TestPage } from '../../../../test-support/browser'
import { NETWORK_FIXTURE } from './transparency'

const { newPage } = useBrowser()

async function open(): Promise<TestPage> {
  const page = await newPage(NETWORK_FIXTURE)
  await page.waitForFunction(() => window.perfscopeReady)
  return page
}

describe('network interception in Chromium', () => {
  it('groups calls by endpoint with ids normalised and counts status, errors, bytes and Server-Timing', async () => {
    const page = await open()
    const endpoints = await page.evaluate(async () => {
      window.startNetwork(undefined, false)
      const st = encodeURIComponent('db;dur=12.5;desc="q", app;dur=30')
      // Resource-timing entries (and so sizes of chunked bodies) come once the app has read the body.
      await (await fetch(`/__test/json/123?size=200&serverTiming=${st}`)).text()
      await (await fetch('/__test/json/456?size=200')).text()
      await (await fetch('/__test/json/9b2c4d6e-1234-4abc-8def-0123456789ab?status=503')).text()
      const xhr = new XMLHttpRequest()
      xhr.open('POST', '/__test/echo')
      await new Promise((r) => {
        xhr.onloadend = r
        xhr.send('twelve bytes')
      })
      return (await window.settled()).endpoints
    })
    const json = endpoints.find((e) => e.key === 'GET /__test/json/:id')
    expect(json).toMatchObject({ count: 3, errors: 1, lastStatus: 503, runaway: { active: false } })
    expect(json!.bytes).toBeGreaterThanOrEqual(400)
    expect(json!.latency.count).toBe(3)
    expect(json!.serverTiming?.map((s) => [s.name, s.duration.count])).toEqual([
      ['db', 1],
      ['app', 1],
    ])
    expect(json!.serverTiming?.[0]?.duration.max).toBeCloseTo(12.5, 1)
    expect(json!.health).toBe('failing')
    expect(json!.healthReason).toMatch(/^error rate/)
    const echo = endpoints.find((e) => e.key === 'POST /__test/echo')
    expect(echo).toMatchObject({ count: 1, errors: 0, lastStatus: 200, requestBytes: 12 })
    expect(page.uncaughtErrors).toEqual([])
  })

  it('adds request-hook headers to same-origin calls but never to no-cors or keepalive ones, and reports each finished call', async () => {
    const page = await open()
    const result = await page.evaluate(async () => {
      const b = `hooks${Date.now()}`
      window.startNetwork()
      await fetch(`/__test/record/${b}?n=1`)
      await fetch(new Request(`/__test/record/${b}?n=2`, { method: 'POST', body: 'x' }))
      const xhr = new XMLHttpRequest()
      xhr.open('GET', `/__test/record/${b}?n=3`)
      await new Promise((r) => {
        xhr.onloadend = r
        xhr.send()
      })
      await fetch(`/__test/record/${b}?n=4`, { mode: 'no-cors' })
      await fetch(`/__test/record/${b}?n=5`, { keepalive: true })
      const log = (await (await window.natives.fetch.call(window, `/__test/log/${b}`)).json()) as {
        url: string
        headers: Record<string, string>
      }[]
      return log.map((r) => [r.url.slice(-3), r.headers['x-perfscope-test'] ?? null])
    })
    expect(result).toEqual([
      ['n=1', '1'],
      ['n=2', '1'],
      ['n=3', '1'],
      ['n=4', null],
      ['n=5', null],
    ])
  })

  it('calls requestHooks.finished once per app request a decorator added headers to, with its status', async () => {
    const page = await open()
    const finished = await page.evaluate(async () => {
      const seen: (number | null)[] = []
      let off = () => {}
      const monitor = window.perfscope.createMonitor({
        sources: [
          window.perfscope.networkSource(),
          {
            name: 'spy',
            metric: 'network',
            start: (context) => {
              off = context.requestHooks.decorate(() => ({ 'X-Spy': '1' }))
              return context.requestHooks.onFinished('spy', (f) => seen.push(f.status))
            },
          },
        ],
      })
      monitor.start()
      await fetch('/__test/json?status=201')
      await fetch('http://127.0.0.1:1/').catch(() => {})
      const xhr = new XMLHttpRequest()
      xhr.open('GET', '/__test/json?status=404')
      await new Promise((r) => {
        xhr.onloadend = r
        xhr.send()
      })
      // The app's own onloadend ran first; perfscope's listener runs right after it.
      await window.sleep(0)
      // Requests that carry no decorator's headers concern no listener.
      off()
      await fetch('/__test/json?status=202')
      monitor.stop()
      return seen
    })
    expect(finished).toEqual([201, null, 404])
  })

  it('counts aborts and timeouts apart from errors (compatibility case 9)', async () => {
    const page = await open()
    const endpoint = await page.evaluate(async () => {
      window.startNetwork(undefined, false)
      const controller = new AbortController()
      const p = fetch('/__test/json?delay=2000', { signal: controller.signal }).catch(() => {})
      await window.sleep(20)
      controller.abort('any reason')
      await p
      await fetch('/__test/json?delay=2000', { signal: AbortSignal.timeout(20) }).catch(() => {})
      const xhr = new XMLHttpRequest()
      xhr.open('GET', '/__test/json?delay=2000')
      xhr.timeout = 20
      await new Promise((r) => {
        xhr.onloadend = r
        xhr.send()
      })
      return (await window.settled()).endpoints.find((e) => e.key === 'GET /__test/json')
    })
    expect(endpoint).toMatchObject({ count: 3, errors: 0, aborted: 1, timeouts: 2, health: 'healthy' })
  })

  it('matches two parallel calls to one URL to distinct resource-timing entries and never clears the buffer (compatibility case 12)', async () => {
    const page = await open()
    const result = await page.evaluate(async () => {
      window.startNetwork(undefined, false)
      const both = await Promise.all([fetch('/__test/json?size=10&delay=30'), fetch('/__test/json?size=10&delay=30')])
      await Promise.all(both.map((r) => r.text()))
      await (await fetch('/__test/bytes?size=5000')).arrayBuffer()
      const snapshot = await window.settled()
      const before = performance.getEntriesByType('resource').length
      window.monitor!.stop()
      return {
        json: snapshot.endpoints.find((e) => e.key === 'GET /__test/json')?.timing,
        bytes: snapshot.endpoints.find((e) => e.key === 'GET /__test/bytes')?.timing,
        kept: performance.getEntriesByType('resource').length >= before && before >= 3,
      }
    })
    expect(result.json?.matched).toBe(2)
    expect(result.json?.ttfb.count).toBe(2)
    expect(result.bytes?.download.count).toBe(1)
    expect(result.kept).toBe(true)
  })

  it('records cross-origin timing without Timing-Allow-Origin as unavailable, never 0 ms (compatibility case 28)', async () => {
    const page = await open()
    await page.evaluate(async () => {
      window.startNetwork(undefined, false)
      const other = location.origin.replace('127.0.0.1', 'localhost')
      await (await fetch(`${other}/__test/json?serverTiming=db%3Bdur%3D5`, { mode: 'no-cors' })).blob()
      await window.settled()
    })
    // The browser delivers the entry of an opaque response when it gets to it; a loaded machine can take seconds.
    const endpoint = async () =>
      page.evaluate(async () => {
        await window.monitor!.report()
        return window.monitor!.snapshot().endpoints[0]
      })
    await expect.poll(async () => (await endpoint())?.timing?.matched, { timeout: 10_000 }).toBe(1)
    const settled = await endpoint()
    expect(settled?.key).toMatch(/^GET http:\/\/localhost:\d+\/__test\/json$/)
    expect(settled?.timing).toMatchObject({ matched: 1, unavailable: 1, ttfb: { count: 0 }, dns: { count: 0 } })
    expect(settled?.serverTiming).toBeUndefined()
  })

  it('restores every global exactly on stop', async () => {
    const page = await open()
    const result = await page.evaluate(() => {
      const p = XMLHttpRequest.prototype
      const before = [window.fetch, window.WebSocket, window.EventSource, p.open, p.send, p.setRequestHeader]
      const monitor = window.startNetwork()
      const during = [window.fetch, window.WebSocket, window.EventSource, p.open, p.send, p.setRequestHeader]
      monitor.stop()
      const after = [window.fetch, window.WebSocket, window.EventSource, p.open, p.send, p.setRequestHeader]
      return {
        replaced: during.map((f, i) => f !== before[i]),
        restored: after.map((f, i) => f === before[i]),
        ownOnProto: ['open', 'send', 'setRequestHeader'].map((k) => Object.prototype.hasOwnProperty.call(p, k)),
        support: monitor.snapshot().support,
      }
    })
    expect(result.replaced).toEqual([true, true, true, true, true, true])
    expect(result.restored).toEqual([true, true, true, true, true, true])
    expect(result.ownOnProto).toEqual([true, true, true])
    expect(result.support).toMatchObject({
      fetch: 'supported',
      xhr: 'supported',
      websocket: 'supported',
      eventsource: 'supported',
    })
  })

  it('wraps once for a second monitor, keeps references captured before start working, and never throws (compatibility case 11)', async () => {
    const page = await open()
    const result = await page.evaluate(async () => {
      const captured = window.fetch
      const first = window.startNetwork(undefined, false)
      const wrapper = window.fetch
      const second = window.perfscope.createMonitor({ sources: [window.perfscope.networkSource()] })
      second.start()
      const same = window.fetch === wrapper
      const status = (await captured('/__test/json')).status
      await fetch('/__test/json')
      const snapshot = await window.settled()
      second.stop()
      first.stop()
      return {
        same,
        status,
        count: snapshot.endpoints.find((e) => e.key === 'GET /__test/json')?.count,
        secondSupport: second.snapshot().support.fetch,
        restored: window.fetch === captured,
      }
    })
    expect(result).toEqual({ same: true, status: 200, count: 1, secondSupport: 'unsupported', restored: true })
    expect(page.uncaughtErrors).toEqual([])
  })

  it('reports a non-writable fetch as unsupported without throwing (compatibility case 10)', async () => {
    const page = await open()
    const result = await page.evaluate(async () => {
      const native = window.fetch
      Object.defineProperty(window, 'fetch', { value: native, writable: false, configurable: false })
      const monitor = window.startNetwork()
      const status = (await fetch('/__test/json')).status
      monitor.stop()
      return {
        status,
        support: monitor.snapshot().support.fetch,
        same: window.fetch === native,
        errors: monitor.snapshot().errors.count,
      }
    })
    expect(result).toEqual({ status: 200, support: 'unsupported', same: true, errors: 0 })
  })

  it('counts one call of a fetch polyfill built on XHR once (compatibility case 13)', async () => {
    const page = await open()
    const endpoints = await page.evaluate(async () => {
      window.fetch = ((url: string) =>
        new Promise((resolve) => {
          const xhr = new XMLHttpRequest()
          xhr.open('GET', url)
          xhr.onload = () => resolve(new Response(xhr.responseText, { status: xhr.status }))
          xhr.send()
        })) as typeof fetch
      window.startNetwork(undefined, false)
      await fetch('/__test/json')
      return (await window.settled()).endpoints.map((e) => [e.key, e.count])
    })
    expect(endpoints).toEqual([['GET /__test/json', 1]])
  })

  it('lets a wrapper installed after ours read the body with nothing thrown (compatibility case 7)', async () => {
    const page = await open()
    const result = await page.evaluate(async () => {
      const monitor = window.startNetwork(undefined, false)
      const ours = window.fetch
      window.fetch = async (...args: Parameters<typeof fetch>) => {
        const response = await ours(...args)
        await response.text()
        return response
      }
      const r = await fetch('/__test/json')
      const snapshot = await window.settled()
      monitor.stop()
      return {
        bodyUsed: r.bodyUsed,
        errors: snapshot.errors.count,
        count: snapshot.endpoints[0]?.count,
        theirsKept: window.fetch !== ours,
      }
    })
    expect(result).toEqual({ bodyUsed: true, errors: 0, count: 1, theirsKept: true })
    expect(page.uncaughtErrors).toEqual([])
  })

  it('stop() leaves wrappers installed after ours in place and ours passes through (compatibility case 18)', async () => {
    const page = await open()
    const result = await page.evaluate(async () => {
      const monitor = window.startNetwork(undefined, false)
      const ourOpen = XMLHttpRequest.prototype.open
      const calls: string[] = []
      XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
        calls.push('theirs')
        return (ourOpen as (...a: unknown[]) => void).apply(this, args)
      } as typeof ourOpen
      const theirs = XMLHttpRequest.prototype.open
      monitor.stop()
      const xhr = new XMLHttpRequest()
      xhr.open('GET', '/__test/json')
      await new Promise((r) => {
        xhr.onloadend = r
        xhr.send()
      })
      return {
        kept: XMLHttpRequest.prototype.open === theirs,
        calls,
        status: xhr.status,
        endpoints: monitor.snapshot().endpoints.length,
      }
    })
    expect(result).toEqual({ kept: true, calls: ['theirs'], status: 200, endpoints: 0 })
  })

  it('does not keep a request in flight when open() restarts the object mid-request', async () => {
    const page = await open()
    const endpoint = await page.evaluate(async () => {
      window.startNetwork(undefined, false)
      const xhr = new XMLHttpRequest()
      xhr.open('GET', '/__test/json?delay=500')
      xhr.send()
      xhr.open('GET', '/__test/json')
      await new Promise((r) => {
        xhr.onloadend = r
        xhr.send()
      })
      return (await window.settled()).endpoints.find((e) => e.key === 'GET /__test/json')
    })
    expect(endpoint).toMatchObject({ count: 1, inFlight: 0 })
  })

  it('gives exactly one record for onload-only code, late handlers, abort() in onload and a sync request (compatibility case 15)', async () => {
    const page = await open()
    const count = await page.evaluate(async () => {
      window.startNetwork(undefined, false)
      const a = new XMLHttpRequest()
      a.open('GET', '/__test/json')
      await new Promise((r) => {
        a.onload = r
        a.send()
      })
      const b = new XMLHttpRequest()
      b.open('GET', '/__test/json')
      await new Promise((r) => {
        b.onload = () => {
          b.abort()
          r(null)
        }
        b.send()
      })
      const c = new XMLHttpRequest()
      c.open('GET', '/__test/json', false)
      c.send()
      return (await window.settled()).endpoints.find((e) => e.key === 'GET /__test/json')?.count
    })
    expect(count).toBe(3)
  })

  it('never makes Chromium log "Refused to get unsafe header" (compatibility case 17)', async () => {
    const page = await open()
    const messages: string[] = []
    page.on('console', (m) => messages.push(m.text()))
    await page.evaluate(async () => {
      window.startNetwork(undefined, false)
      const other = location.origin.replace('127.0.0.1', 'localhost')
      for (const url of ['/__test/json', `${other}/__test/json`]) {
        const xhr = new XMLHttpRequest()
        xhr.open('GET', url)
        await new Promise((r) => {
          xhr.onloadend = r
          xhr.send()
        })
      }
      await window.settled()
    })
    expect(messages.filter((m) => /unsafe header/i.test(m))).toEqual([])
  })

  it('drops query values that are not allow-listed, fragments and credentials, and keeps only allow-listed headers', async () => {
    const page = await open()
    const result = await page.evaluate(async () => {
      window.startNetwork(
        { captureHeaders: ['Content-Type'], keepQueryValues: ['page', 'tenant'], redactKeys: ['tenant'] },
        false,
      )
      await fetch('/__test/json?access_token=s3cr3t&page=2&tenant=acme#id_token=h4sh')
      await fetch('http://user:pa55@127.0.0.1:1/x?apiKey=k3y').catch(() => {})
      const snapshot = await window.settled()
      return { json: JSON.stringify(snapshot), endpoint: snapshot.endpoints.find((e) => e.key === 'GET /__test/json') }
    })
    for (const secret of ['s3cr3t', 'h4sh', 'acme', 'pa55', 'k3y', 'user:']) expect(result.json).not.toContain(secret)
    expect(result.endpoint?.lastUrl).toMatch(/\/__test\/json\?access_token&page=2&tenant$/)
    expect(result.endpoint?.headers).toEqual({ 'content-type': 'application/json' })
  })

  it('leaves perfscope and load-simulator requests out of the app figures unless includeInternal, switchable at run time', async () => {
    const page = await open()
    const result = await page.evaluate(async () => {
      const call = async () => {
        await fetch('/__test/json', { headers: { 'X-Perfscope-Load': 'run-1' } })
        const xhr = new XMLHttpRequest()
        xhr.open('GET', '/__test/json')
        xhr.setRequestHeader('X-Perfscope-Internal', '1')
        await new Promise((r) => {
          xhr.onloadend = r
          xhr.send()
        })
        await fetch('/__test/json')
      }
      const excluded = window.startNetwork(undefined, false)
      await call()
      const a = (await window.settled()).endpoints.map((e) => [e.count, e.internal])
      excluded.stop()
      const included = window.startNetwork({ includeInternal: true }, false)
      await call()
      const b = (await window.settled()).endpoints.map((e) => [e.count, e.internal])
      included.setIncludeInternal(false)
      await call()
      const c = (await window.settled()).endpoints.map((e) => [e.count, e.internal])
      return { a, b, c, setting: included.snapshot().includeInternal }
    })
    expect(result).toEqual({ a: [[1, 0]], b: [[3, 2]], c: [[4, 2]], setting: false })
  })

  it('survives bad input: an unparsable URL, a WebSocket closed before open, a failing EventSource', async () => {
    const page = await open()
    const result = await page.evaluate(async () => {
      const monitor = window.startNetwork()
      const rejected = await fetch('http://[bad').then(
        () => 'resolved',
        (e: Error) => e.name,
      )
      const xhr = new XMLHttpRequest()
      let openError = ''
      try {
        xhr.open('GET', 'http://[bad')
      } catch (e) {
        openError = (e as Error).name
      }
      const ws = new WebSocket(`ws://${location.host}/__test/ws`)
      ws.close()
      const es = new EventSource('/__test/json?status=500')
      await window.sleep(300)
      es.close()
      const snapshot = await window.settled()
      monitor.stop()
      return { rejected, openError, errors: snapshot.errors, ws: snapshot.channels.find((c) => c.kind === 'websocket') }
    })
    expect(result.rejected).toBe('TypeError')
    expect(result.openError).toBe('SyntaxError')
    expect(result.errors.count).toBe(0)
    expect(result.ws).toMatchObject({ connects: 1, open: 0, closeCodes: { '1006': 1 } })
    expect(page.uncaughtErrors).toEqual([])
  })
})
