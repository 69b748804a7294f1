import { describe, expect, it, vi } from 'vitest'
import { createMonitor, type Monitor } from '../../../createMonitor.ts'
import { PerfscopeOptionError } from '../../../kernel/options.ts'
import type { MonitorContext, Source } from '../../../kernel/source.ts'
import type { EndpointStats } from '../../../types.ts'
import { BudgetFileError, type BudgetFile } from '../budgetFile.ts'
import { endpoint } from './fixtures.ts'

/** A source the test drives: `publish(endpoints)` stands in for the network source. */
function fakeNetwork() {
  let context: MonitorContext | null = null
  const source: Source = {
    name: 'fakeNetwork',
    metric: null,
    start(c) {
      context = c
      return () => {}
    },
  }
  return { source, publish: (endpoints: EndpointStats[]) => context!.publish({ endpoints }) }
}

const FILE: BudgetFile = {
  budgets: { 'GET /api/*': { warning: 'p(95)<300', critical: 'p(95)<1000' } },
  environments: { development: { budgets: { 'GET /api/*': { critical: 'p(95)<5000' } } } },
}

function started(options: Parameters<typeof createMonitor>[0] = {}) {
  const network = fakeNetwork()
  const monitor = createMonitor({ ...options, sources: [network.source] })
  monitor.start()
  return { monitor, publish: network.publish }
}

const activeAlerts = (m: Monitor) => m.snapshot().alerts.filter((a) => a.endedAt === null)

describe('live budgets on createMonitor()', () => {
  it('raises an alert when an endpoint breaks its budget, acknowledges it, and ends it on recovery', async () => {
    const { monitor, publish } = started({ budgets: { file: FILE } })
    publish([endpoint('GET /api/items', { p95: 2000 })])
    await vi.waitFor(() => expect(activeAlerts(monitor)).toHaveLength(1))
    const [alert] = activeAlerts(monitor)
    expect(alert).toMatchObject({
      metric: 'GET /api/items',
      level: 'critical',
      message: 'GET /api/items breaks p(95)<1000',
      acknowledged: false,
    })
    expect(monitor.budgets.acknowledge(alert!.id)).toBe(true)
    expect(monitor.snapshot().alerts[0]!.acknowledged).toBe(true)
    publish([endpoint('GET /api/items', { p95: 100 })])
    await vi.waitFor(() => expect(monitor.snapshot().alerts[0]!.endedAt).not.toBeNull())
    expect(activeAlerts(monitor)).toHaveLength(0)
    monitor.stop()
  })

  it('switches the environment at run time and shows the budgets that apply', async () => {
    const { monitor, publish } = started({ budgets: { file: FILE, environment: 'production' } })
    publish([endpoint('GET /api/items', { p95: 2000 })])
    await vi.waitFor(() => expect(activeAlerts(monitor)[0]?.level).toBe('critical'))
    expect(monitor.snapshot().budgets).toMatchObject({
      environment: 'production',
      environments: ['development', 'staging', 'production'],
    })
    // The development set replaces the whole entry for the pattern: only its lenient critical budget applies.
    monitor.budgets.setEnvironment('development')
    expect(activeAlerts(monitor)).toHaveLength(0)
    expect(monitor.snapshot().budgets!.rules).toContainEqual({
      metric: 'GET /api/*',
      level: 'critical',
      expression: 'p(95)<5000',
      source: 'file',
    })
    await monitor.budgets.set({ budgets: { 'GET /api/items': { warning: 'p(95)<1500' } } })
    expect(activeAlerts(monitor)[0]).toMatchObject({ level: 'warning', message: 'GET /api/items breaks p(95)<1500' })
    monitor.stop()
  })

  it('turns quotas and the cost model into alerts and snapshot figures', async () => {
    const { monitor, publish } = started({
      budgets: {
        quotas: [{ match: 'GET /api/*', perMinute: 10 }],
        cost: { prices: [{ match: 'GET /api/*', per1000Calls: 1 }], monthlyBudget: 100 },
      },
    })
    publish([endpoint('GET /api/items', { count: 9, p95: 10 })])
    await vi.waitFor(() => expect(monitor.snapshot().quotas[0]?.used).toBe(9))
    const s = monitor.snapshot()
    expect(s.costs).toMatchObject({ currency: 'USD', budget: 100, loadRun: null })
    // 9 calls in (at least) one minute, for 30 days: 388 800 calls at 1 per 1 000.
    expect(s.costs!.projectedMonthly).toBeCloseTo(388.8, 0)
    expect(activeAlerts(monitor).map((a) => [a.metric, a.level])).toEqual([
      ['cost observed', 'critical'],
      ['quota GET /api/* per minute', 'warning'],
    ])
    monitor.stop()
  })

  it('rejects bad option types naming the field', () => {
    expect(() => createMonitor({ budgets: 'strict' as never })).toThrow(PerfscopeOptionError)
    expect(() => createMonitor({ budgets: { environment: 3 as never } })).toThrow(
      /"budgets.environment" must be a string/,
    )
    expect(() => createMonitor({ budgets: { quotas: [{ match: 'GET /api/*', perMinute: -1 }] } })).toThrow(
      /"budgets.quotas\[0\].perMinute" must be a positive number/,
    )
    expect(() => createMonitor({ budgets: { cost: { prices: [{ match: '' }] } } })).toThrow(
      /"budgets.cost.prices\[0\].match"/,
    )
    expect(() => createMonitor({ budgets: { file: 'perf-budget.json' as never } })).toThrow(
      /"budgets.file" must be a budget file object/,
    )
  })

  it('shows a budget file that does not read, naming metric and level, and checks with the defaults instead', async () => {
    const bad = { budgets: {}, environments: { staging: { budgets: { 'GET /api/items': { critical: 'p95<200' } } } } }
    // The app starts: a budget file is data, and a typo in it is shown in the overlay, not thrown at the app.
    const { monitor } = started({ budgets: { file: bad } })
    await vi.waitFor(() => expect(monitor.snapshot().budgets).not.toBeNull())
    const budgets = monitor.snapshot().budgets!
    expect(budgets.file).toBeNull()
    expect(budgets.fileError).toMatch(
      /option "budgets.file": environments\["staging"\]\.budgets\["GET \/api\/items"\]\.critical: threshold "p95<200" is not of the form/,
    )
    expect(budgets.rules.every((r) => r.source === 'default')).toBe(true)
    expect(monitor.snapshot().errors.recent[0]).toMatchObject({ source: 'budgets' })
    await monitor.budgets.set(FILE)
    expect(monitor.snapshot().budgets).toMatchObject({ file: FILE, fileError: null })
    monitor.stop()
  })

  it('rejects a budget file set at run time that does not read, and keeps the one in force', async () => {
    const { monitor } = started({ budgets: { file: FILE } })
    const typo = monitor.budgets.set({ budgets: { 'vital.LPC': { warning: 'p(75)<2500' } } })
    await expect(typo).rejects.toThrow(BudgetFileError)
    await expect(typo).rejects.toThrow(/monitor.budgets.set\(\): .*did you mean "vital.LCP"/)
    await expect(monitor.budgets.set('{}' as never)).rejects.toThrow(PerfscopeOptionError)
    await vi.waitFor(() => expect(monitor.snapshot().budgets?.file).toBe(FILE))
    monitor.stop()
  })
})
