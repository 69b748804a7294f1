import { describe, expect, it } from 'vitest'
import { useBrowser, type TestPage } from '../../../../test-support/browser'

const FIXTURE = '/packages/core/test/browser/fixtures/history.html'

async function ready(page: TestPage): Promise<void> {
  await page.waitForFunction(() => window.historyReady)
  await page.waitForFunction(() => window.historyMonitor.snapshot().history?.status !== 'starting')
}

/** Makes one app request and waits until the network figures (published at most every 100 ms) have it. */
async function oneRequest(page: TestPage): Promise<void> {
  await page.evaluate(async () => {
    await fetch('/__test/json?size=50')
    while (!window.historyMonitor.snapshot().endpoints.some((e) => e.key === 'GET /__test/json'))
      await new Promise((r) => setTimeout(r, 20))
  })
}

describe('alerts and load runs in history (Chromium)', () => {
  const { newPage } = useBrowser()

  it('keeps an alert with when it started and ended across a reload', async () => {
    const page = await newPage(FIXTURE)
    await ready(page)
    await oneRequest(page)
    const alert = await page.evaluate(async () => {
      const m = window.historyMonitor
      await m.history.clear()
      // A budget that any call breaks, then one that nothing breaks: the alert starts and ends.
      // The budget watcher loads at the monitor's first idle moment: alerts appear once it has checked.
      const until = async <T>(read: () => T | undefined): Promise<T> => {
        for (let value = read(); ; value = read()) {
          if (value !== undefined) return value
          await new Promise((r) => setTimeout(r, 20))
        }
      }
      await m.budgets.set({ budgets: { 'GET /__test/*': { critical: 'count<1' } } })
      const started = await until(() =>
        m.snapshot().alerts.find((a) => a.metric === 'GET /__test/json' && a.endedAt === null),
      )
      await new Promise((r) => setTimeout(r, 20))
      await m.budgets.set({ budgets: { 'GET /__test/*': { critical: 'count<1000000' } } })
      const ended = await until(() => m.snapshot().alerts.find((a) => a.id === started.id && a.endedAt !== null))
      await m.history.save()
      return ended
    })
    expect(alert).toMatchObject({
      level: 'critical',
      message: 'GET /__test/json breaks count<1',
      endedAt: expect.any(Number),
    })
    expect(alert.endedAt!).toBeGreaterThan(alert.startedAt)
    await page.reload()
    await ready(page)
    const days = await page.evaluate(() => window.historyMonitor.history.days())
    expect(days).toHaveLength(1)
    expect(days[0]!.alerts).toContainEqual(alert)
  })

  it('stores a finished load run once, lists it after a reload, and pins it as the load baseline', async () => {
    const page = await newPage(FIXTURE)
    await ready(page)
    const runId = await page.evaluate(async () => {
      const m = window.historyMonitor
      await m.history.clear()
      const result = await m.load.run({
        executor: 'constant-users',
        users: 1,
        durationMs: 500,
        requests: [{ url: '/__test/json?size=20' }],
      })
      while ((await m.history.runs()).length === 0) await new Promise((r) => setTimeout(r, 20))
      return result.runId
    })
    await page.reload()
    await ready(page)
    const after = await page.evaluate(async (id) => {
      const h = window.historyMonitor.history
      const runs = await h.runs()
      await h.pinRun(id)
      return {
        runs: runs.map((r) => r.runId),
        baselineRun: window.historyMonitor.snapshot().history!.baselineRun,
        regressions: await h.compareRun(),
      }
    }, runId)
    expect(after).toEqual({ runs: [runId], baselineRun: runId, regressions: [] })
  })

  it('closes its connection when another one upgrades the database, and keeps working', async () => {
    const page = await newPage(FIXTURE)
    await ready(page)
    await oneRequest(page)
    const result = await page.evaluate(async () => {
      const h = window.historyMonitor.history
      await h.clear()
      await h.save()
      const version = (await indexedDB.databases()).find((d) => d.name === 'perfscope')!.version!
      // Another tab (or a newer perfscope) upgrades: it is blocked unless our open connection steps aside.
      const upgrade = await new Promise<{ outcome: string; db?: IDBDatabase }>((resolve) => {
        const request = indexedDB.open('perfscope', version + 1)
        request.onblocked = () => resolve({ outcome: 'blocked' })
        request.onsuccess = () => resolve({ outcome: 'opened', db: request.result })
        request.onerror = () => resolve({ outcome: String(request.error) })
      })
      await fetch('/__test/json?size=10')
      await h.save()
      const days = await h.days()
      upgrade.db?.close()
      return { outcome: upgrade.outcome, days: days.length, status: window.historyMonitor.snapshot().history!.status }
    })
    expect(result).toEqual({ outcome: 'opened', days: 1, status: 'indexeddb' })
    expect(page.uncaughtErrors).toEqual([])
  })

  it('reopens a lost connection a bounded number of times, then falls back to memory', async () => {
    const page = await newPage(FIXTURE)
    await ready(page)
    await oneRequest(page)
    const result = await page.evaluate(async () => {
      const h = window.historyMonitor.history
      await h.clear()
      const transaction = IDBDatabase.prototype.transaction
      let lost = 0
      // The connection goes away under perfscope, as when the browser closes it in the background.
      const loseConnection = (times: number) => {
        IDBDatabase.prototype.transaction = function (
          this: IDBDatabase,
          ...args: Parameters<IDBDatabase['transaction']>
        ) {
          if (lost < times) {
            lost++
            this.close()
            throw new DOMException('The database connection is closing.', 'InvalidStateError')
          }
          return transaction.apply(this, args)
        } as IDBDatabase['transaction']
      }
      loseConnection(2)
      await h.save()
      const recovered = {
        lost,
        status: window.historyMonitor.snapshot().history!.status,
        days: (await h.days()).length,
      }
      lost = 0
      loseConnection(Infinity)
      await h.save()
      IDBDatabase.prototype.transaction = transaction
      return {
        recovered,
        gaveUpAfter: lost,
        finally: window.historyMonitor.snapshot().history!.status,
        days: (await h.days()).length,
      }
    })
    // Each operation tries three times: the write gives up, then so does copying the stored keys into memory.
    expect(result).toEqual({
      recovered: { lost: 2, status: 'indexeddb', days: 1 },
      gaveUpAfter: 6,
      finally: 'memory',
      days: 1,
    })
    expect(page.uncaughtErrors).toEqual([])
  })

  it('lets a read right after save() see the save', async () => {
    const page = await newPage(FIXTURE)
    await ready(page)
    await oneRequest(page)
    const seen = await page.evaluate(async () => {
      const h = window.historyMonitor.history
      await h.clear()
      void h.save()
      const days = await h.days()
      const detail = await h.detail(days[0]?.date ?? 'none')
      return { days: days.length, detail: detail.filter((r) => r.endpoint.startsWith('GET /__test/json')).length }
    })
    expect(seen.days).toBe(1)
    expect(seen.detail).toBeGreaterThan(0)
  })
})
