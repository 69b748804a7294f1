import { describe, expect, it } from 'vitest'
import { useBrowser } from '../../../../test-support/browser'

const FIXTURE = '/packages/core/test/browser/fixtures/core.html'

describe('createMonitor() in Chromium', () => {
  const { newPage } = useBrowser()

  it('starts, publishes a JSON-serialisable snapshot and stops', async () => {
    const page = await newPage(FIXTURE)
    await page.waitForFunction(() => window.perfscopeReady)
    const result = await page.evaluate(async () => {
      const monitor = window.perfscope.createMonitor()
      monitor.start()
      await new Promise((r) => setTimeout(r, 50))
      const running = monitor.snapshot()
      monitor.stop()
      return { running: running.running, json: JSON.stringify(running).length > 0, after: monitor.snapshot().running }
    })
    expect(result).toEqual({ running: true, json: true, after: false })
    expect(page.uncaughtErrors).toEqual([])
  })
})
