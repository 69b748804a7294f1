import { describe, expect, it } from 'vitest'
import { useBrowser, type TestPage } from '../../../../test-support/browser'

const FIXTURE = '/packages/core/test/browser/fixtures/observe.html'

declare global {
  interface Window {
    /** Test-call URLs each listener was handed, in order. */
    seen: Record<string, string[]>
    observations: Record<string, { disconnect(): void }>
  }
}

async function open(newPage: (path?: string) => Promise<TestPage>): Promise<TestPage> {
  const page = await newPage(FIXTURE)
  await page.waitForFunction(() => window.observeReady)
  await page.evaluate(() => {
    window.seen = {}
    window.observations = {}
  })
  return page
}

/** Starts listener `name` on resource entries, keeping the test calls' URLs it is handed. */
function listen(page: TestPage, name: string, buffered = true): Promise<void> {
  return page.evaluate(
    ([name, buffered]) => {
      const seen: string[] = (window.seen[name as string] = [])
      window.observations[name as string] = window.observe(
        'resource',
        (entries) => {
          for (const entry of entries) if (entry.name.includes('/__test/json')) seen.push(new URL(entry.name).search)
        },
        { buffered: buffered as boolean },
      )
    },
    [name, buffered] as const,
  )
}

/** Fetches the test JSON with `tag` in its query and waits until the listeners have had its entry. */
async function call(page: TestPage, tag: string, listeners: string[]): Promise<void> {
  await page.evaluate((tag) => fetch(`/__test/json?${tag}`).then((r) => r.text()), tag)
  await page.waitForFunction(
    ([tag, listeners]) => (listeners as string[]).every((name) => window.seen[name]!.includes(`?${tag as string}`)),
    [tag, listeners] as const,
  )
}

describe('observe() in Chromium', () => {
  const { newPage } = useBrowser()

  it('feeds every listener of resource entries from one browser observer, each entry once', async () => {
    const page = await open(newPage)
    await listen(page, 'collector')
    await call(page, 'a', ['collector'])
    // Joins late: the entry of `a` comes from its backlog, exactly once.
    await listen(page, 'transport')
    await call(page, 'b', ['collector', 'transport'])
    await call(page, 'c', ['collector', 'transport'])
    const seen = await page.evaluate(() => window.seen)
    expect(seen).toEqual({ collector: ['?a', '?b', '?c'], transport: ['?a', '?b', '?c'] })
    expect(await page.evaluate(() => window.observerCalls.observe)).toEqual({ resource: 1 })
    expect(page.uncaughtErrors).toEqual([])
  })

  it('gives a late listener that asks for no buffered entries only the entries after it joined', async () => {
    const page = await open(newPage)
    await listen(page, 'first')
    await call(page, 'a', ['first'])
    await listen(page, 'late', false)
    await call(page, 'b', ['first', 'late'])
    expect(await page.evaluate(() => window.seen)).toEqual({ first: ['?a', '?b'], late: ['?b'] })
  })

  it('keeps the others observing when one listener stops, and stops the browser observer with the last', async () => {
    const page = await open(newPage)
    await listen(page, 'one')
    await listen(page, 'two')
    await call(page, 'a', ['one', 'two'])
    await page.evaluate(() => window.observations.one!.disconnect())
    await call(page, 'b', ['two'])
    expect(await page.evaluate(() => window.observerCalls.disconnect)).toBe(0)
    // Stopped as soon as the entry of `c` is in the timeline, maybe still queued for the listener: handed over, not lost.
    await page.evaluate(async () => {
      await fetch('/__test/json?c').then((r) => r.text())
      const recorded = () => performance.getEntriesByType('resource').some((e) => e.name.endsWith('?c'))
      while (!recorded()) await new Promise((resolve) => setTimeout(resolve, 1))
      window.observations.two!.disconnect()
    })
    await page.waitForFunction(() => window.seen.two!.includes('?c'))
    const after = await page.evaluate(() => ({ seen: window.seen, calls: window.observerCalls }))
    expect(after.seen).toEqual({ one: ['?a'], two: ['?a', '?b', '?c'] })
    expect(after.calls.disconnect).toBe(1)
    // A listener after that starts a new observer, with the whole buffer again.
    await listen(page, 'three')
    await page.waitForFunction(() => window.seen.three!.length === 3)
    expect(await page.evaluate(() => window.observerCalls.observe)).toEqual({ resource: 2 })
  })
  // web-vitals included: its LCP attribution module, which observes every resource entry, is not loaded.
  it('has a started monitor read resource entries, for its figures, its transport and its vitals, through one observer', async () => {
    const page = await open(newPage)
    await page.evaluate(async () => {
      const monitor = window.createMonitor()
      monitor.start()
      // Watched, the figures publish at the live pace.
      monitor.watch()
      await fetch('/__test/json?monitored').then((r) => r.text())
      ;(window as unknown as { monitor: typeof monitor }).monitor = monitor
    })
    await page.waitForFunction(() => {
      const { monitor } = window as unknown as { monitor: ReturnType<typeof window.createMonitor> }
      return monitor.snapshot().endpoints.some((e) => e.key === 'GET /__test/json' && e.timing?.matched === 1)
    })
    expect(await page.evaluate(() => window.observerCalls.observe.resource)).toBe(1)
    expect(page.uncaughtErrors).toEqual([])
  })
})
