import { act, Profiler } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMonitor, type EndpointStats, type Monitor, type MonitorAlert, type Snapshot } from '@perfscope/core'
import { sameItems, shallowEqual } from '../panel/equality.ts'
import { AlertsSection } from '../panel/tabs/AlertsSection.tsx'
import { ApiHealthCard } from '../panel/tabs/HealthCards.tsx'
import { sameBudgetState } from '../panel/tabs/sameBudgetState.ts'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const alert = (patch: Partial<MonitorAlert> = {}): MonitorAlert => ({
  id: 'a-1',
  metric: 'GET /api/items',
  level: 'warning',
  message: 'GET /api/items breaks p(95)<=200',
  value: 240,
  startedAt: 1_700_000_000_000,
  endedAt: null,
  acknowledged: false,
  ...patch,
})

const endpoint = (patch: Partial<EndpointStats> = {}) =>
  ({
    key: 'GET /api/items',
    count: 10,
    errors: 0,
    health: 'healthy',
    runaway: { active: false, reason: null },
    ...patch,
  }) as EndpointStats

describe('shallowEqual()', () => {
  it('is true for records with the same keys and values, false when a value, a key or the key count differs', () => {
    expect(shallowEqual({ a: 1, b: null }, { a: 1, b: null })).toBe(true)
    expect(shallowEqual({ a: NaN }, { a: NaN })).toBe(true)
    expect(shallowEqual({ a: 1 }, { a: 2 })).toBe(false)
    expect(shallowEqual({ a: 1, b: undefined } as object, { a: 1, c: undefined } as object)).toBe(false)
    expect(shallowEqual({ a: 1 } as object, { a: 1, b: 2 } as object)).toBe(false)
    expect(shallowEqual({ a: {} }, { a: {} })).toBe(false)
  })
})

describe('sameItems()', () => {
  it('compares arrays item by item, by identity unless told how', () => {
    const x = {}
    expect(sameItems([x, 1], [x, 1])).toBe(true)
    expect(sameItems([{}], [{}])).toBe(false)
    expect(sameItems([1], [1, 2])).toBe(false)
    expect(sameItems([{ id: 1 }], [{ id: 1 }], (a, b) => a.id === b.id)).toBe(true)
  })
})

describe('sameBudgetState()', () => {
  const rules: NonNullable<Snapshot['budgets']>['rules'] = []
  const state = (expression: string): Snapshot['budgets'] => ({
    file: null,
    fileError: null,
    environment: 'dev',
    environments: ['dev', 'ci'],
    rules,
    applied: [
      { endpoint: 'GET /api/items', source: 'same-origin default', rules: [{ level: 'critical', expression }] },
    ],
  })

  it('treats a fresh state that reads the same as unchanged, and a changed applied budget or null as changed', () => {
    expect(sameBudgetState(state('p(95)<=1000'), state('p(95)<=1000'))).toBe(true)
    expect(sameBudgetState(state('p(95)<=1000'), state('p(95)<=800'))).toBe(false)
    expect(sameBudgetState(state('p(95)<=1000'), null)).toBe(false)
    expect(sameBudgetState(null, null)).toBe(true)
  })
})

describe('panel sections select their slice', () => {
  let container: HTMLElement
  let root: Root
  let monitor: Monitor
  let commits: number
  const render = (node: React.ReactNode) =>
    act(() =>
      root.render(
        <Profiler id="section" onRender={() => commits++}>
          {node}
        </Profiler>,
      ),
    )
  /** Replaces part of the snapshot the way a source's publish does, and returns the commits it caused. */
  const publish = (partial: Partial<Snapshot>) => {
    const before = commits
    act(() => monitor.store.setState(partial))
    return commits - before
  }

  beforeEach(() => {
    container = document.createElement('div')
    document.body.appendChild(container)
    root = createRoot(container)
    monitor = createMonitor({ sources: [] })
    commits = 0
  })
  afterEach(() => {
    act(() => root.unmount())
    container.remove()
  })

  it('keeps the alerts section as it is when a fresh alert list reads the same, and renders when a row changes or one is added', () => {
    render(<AlertsSection monitor={monitor} />)
    expect(publish({ alerts: [alert()] })).toBe(1)
    expect(container.textContent).toContain('GET /api/items breaks p(95)<=200')
    // Every budget evaluation publishes a new list of new objects; the value it carries is not shown.
    expect(publish({ alerts: [alert({ value: 260 })] })).toBe(0)
    // Network figures that change no alert row.
    expect(publish({ endpoints: [endpoint()] })).toBe(0)
    expect(publish({ endpoints: [endpoint({ count: 11 })] })).toBe(0)
    expect(publish({ alerts: [alert({ acknowledged: true })] })).toBe(1)
    expect(container.textContent).toContain('acknowledged')
    // The core raises an alert for an endpoint no budget names that turns unhealthy.
    const failing = alert({
      id: 'a2',
      metric: 'health GET /api/other',
      message: 'GET /api/other is failing (errors 50 %)',
    })
    expect(publish({ alerts: [alert({ acknowledged: true }), failing] })).toBe(1)
    expect(container.textContent).toContain('GET /api/other is failing')
  })

  it('renders the endpoint card when its summary changes, not when a new endpoint list sums to the same', () => {
    render(<ApiHealthCard monitor={monitor} />)
    expect(publish({ endpoints: [endpoint()] })).toBe(1)
    expect(container.textContent).toContain('1 / 1')
    expect(publish({ endpoints: [endpoint()] })).toBe(0)
    expect(publish({ vitals: {}, longTasks: { ...monitor.store.getState().longTasks } })).toBe(0)
    expect(publish({ endpoints: [endpoint({ count: 11 })] })).toBe(1)
    expect(container.textContent).toContain('11 requests')
  })
})
