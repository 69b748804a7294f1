import { describe, expect, it } from 'vitest'

describe('@perfscope/core on the server', () => {
  it('imports without touching any browser global and starts as a no-op', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
    const { createMonitor } = await import('@perfscope/core')
    const monitor = createMonitor()
    expect(() => monitor.start()).not.toThrow()
    expect(monitor.running).toBe(false)
    expect(monitor.snapshot().running).toBe(false)
    expect(() => monitor.stop()).not.toThrow()
  })
})
