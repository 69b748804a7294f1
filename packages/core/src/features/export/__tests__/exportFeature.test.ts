import { afterEach, describe, expect, it } from 'vitest'
import { createMonitor } from '../../../createMonitor.ts'

const nativeFetch = globalThis.fetch

afterEach(() => {
  globalThis.fetch = nativeFetch
})

describe('monitor.export()', () => {
  it('includes a call that ended before the network collector had loaded', async () => {
    globalThis.fetch = async () => new Response('{}', { status: 200 })
    const monitor = createMonitor({ metrics: { vitals: false } })
    monitor.start()
    await fetch('/api/items')
    // No idle moment has passed: the collector's code is not there yet, and the call waits in the recorder.
    const har = JSON.parse((await monitor.export('har')) as string) as {
      log: { entries: { request: { url: string } }[] }
    }
    expect(har.log.entries.map((e) => e.request.url)).toEqual([expect.stringContaining('/api/items')])
    monitor.stop()
  })
})
