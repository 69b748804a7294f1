import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMonitor, emptySharedSnapshot, type Monitor, type MonitorAlert } from '@perfscope/core'
import { AlertsSection } from '../panel/tabs/AlertsSection.tsx'
import { createViewMonitor, type ViewOrigin } from '../panel/page/viewMonitor.ts'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const alert: MonitorAlert = {
  id: 'a-1',
  metric: 'vital.LCP',
  level: 'critical',
  message: 'LCP breaks p(75)<=2500',
  value: 6200,
  startedAt: 1_700_000_000_000,
  endedAt: null,
  acknowledged: false,
}

describe('AlertsSection', () => {
  let container: HTMLElement
  let root: Root
  let own: Monitor

  beforeEach(() => {
    container = document.createElement('div')
    document.body.appendChild(container)
    root = createRoot(container)
    own = createMonitor({ sources: [] })
  })
  afterEach(() => {
    act(() => root.unmount())
    container.remove()
  })

  const show = (monitor: Monitor) => act(() => root.render(<AlertsSection monitor={monitor} />))
  const viewOf = (origin: ViewOrigin) =>
    createViewMonitor(own, { ...emptySharedSnapshot(), alerts: [alert] }, origin).monitor

  it("offers to acknowledge the monitor's own active alerts", () => {
    act(() => own.store.setState({ alerts: [alert] }))
    show(own)
    expect(container.querySelector('button')?.getAttribute('aria-label')).toBe('Acknowledge LCP breaks p(75)<=2500')
    expect(container.textContent).toContain('since')
  })

  it("shows a stored day's alerts as a record of an earlier session, with nothing to acknowledge", () => {
    show(viewOf({ kind: 'stored', date: '2026-12-02' }))
    expect(container.querySelector('button')).toBeNull()
    expect(container.textContent).toContain('As stored on 2026-12-02, from an earlier session')
    expect(container.textContent).toContain('still active when stored')
    expect(container.querySelector('.ps-badge--bad')).toBeNull()
  })

  it("shows other tabs' alerts live, and says to acknowledge them where they were raised", () => {
    show(viewOf({ kind: 'tabs' }))
    expect(container.querySelector('button')).toBeNull()
    expect(container.textContent).toContain('acknowledge them there')
    expect(container.querySelector('.ps-badge--bad')).not.toBeNull()
  })
})
