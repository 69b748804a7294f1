import { describe, expect, it } from 'vitest'
import { useBrowser, type TestPage } from '../../../../test-support/browser'
import { NETWORK_FIXTURE } from './transparency'

const { newPage } = useBrowser()

async function open(): Promise<TestPage> {
  const page = await newPage(NETWORK_FIXTURE)
  await page.waitForFunction(() => window.perfscopeReady)
  return page
}

describe('WebSocket and EventSource channels in Chromium', () => {
  it('counts a WebSocket connect, open time, messages, bytes, echo round trips and its close code', async () => {
    const page = await open()
    const channel = await page.evaluate(async () => {
      window.startNetwork(undefined, false)
      const ws = new WebSocket(`ws://${location.host}/__test/ws?token=s3cr3t`)
      await new Promise((r) => (ws.onopen = r))
      let echoes = 0
      const done = new Promise((r) => (ws.onmessage = () => ++echoes === 3 && r(null)))
      ws.send('one')
      ws.send('two!')
      ws.send(new Uint8Array(10))
      await done
      ws.close(1000)
      await new Promise((r) => (ws.onclose = r))
      return (await window.settled()).channels[0]
    })
    expect(channel).toMatchObject({
      key: 'WS /__test/ws',
      kind: 'websocket',
      connects: 1,
      open: 0,
      reconnects: 0,
      messagesIn: 3,
      messagesOut: 3,
      bytesIn: 17,
      bytesOut: 17,
      closeCodes: { '1000': 1 },
      health: 'healthy',
    })
    expect(channel?.openTime.count).toBe(1)
    expect(channel?.roundTrip.count).toBe(2)
    expect(channel?.lastUrl).toMatch(/\/__test\/ws\?token$/)
  })

  it('turns a WebSocket reconnect storm into degraded, then failing health', async () => {
    const page = await open()
    const result = await page.evaluate(async () => {
      window.startNetwork(undefined, false)
      const connect = () =>
        new Promise((r) => (new WebSocket(`ws://${location.host}/__test/ws-close?code=1011`).onclose = r))
      for (let i = 0; i < 5; i++) await connect()
      const degraded = (await window.settled()).channels[0]
      for (let i = 0; i < 7; i++) await connect()
      const failing = (await window.settled()).channels[0]
      return { degraded, failing }
    })
    expect(result.degraded).toMatchObject({ connects: 5, reconnects: 4, health: 'degraded', closeCodes: { '1011': 5 } })
    expect(result.failing).toMatchObject({ connects: 12, reconnects: 11, health: 'failing' })
    expect(result.failing?.healthReason).toBe('reconnect storm: 11 reconnects in the last minute > 10')
  })

  it('counts EventSource events and the browser reconnecting after the stream ends (compatibility case 22)', async () => {
    const page = await open()
    const channel = await page.evaluate(async () => {
      window.startNetwork(undefined, false)
      const es = new EventSource('/__test/sse?events=2&interval=0&retry=50')
      let received = 0
      es.addEventListener('message', () => received++)
      for (let i = 0; i < 100 && received < 4; i++) await window.sleep(50)
      es.close()
      return (await window.settled()).channels[0]
    })
    expect(channel).toMatchObject({ key: 'SSE /__test/sse', kind: 'eventsource', connects: 1, open: 0 })
    expect(channel!.reconnects).toBeGreaterThanOrEqual(1)
    expect(channel!.messagesIn).toBeGreaterThanOrEqual(4)
    expect(channel!.bytesIn).toBe(channel!.messagesIn * 7)
    expect(channel!.openTime.count).toBe(1)
  })

  it('counts a fatal EventSource failure as an error, not a reconnect (compatibility case 22)', async () => {
    const page = await open()
    const channel = await page.evaluate(async () => {
      window.startNetwork(undefined, false)
      const es = new EventSource('/__test/json?status=404')
      await new Promise((r) => (es.onerror = r))
      return (await window.settled()).channels[0]
    })
    expect(channel).toMatchObject({ connects: 1, errors: 1, reconnects: 0, open: 0 })
  })
})
