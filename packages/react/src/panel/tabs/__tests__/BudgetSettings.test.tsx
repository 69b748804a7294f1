import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMonitor, type Monitor } from '@perfscope/core'
import { BudgetSettings } from '../BudgetSettings.tsx'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

describe('the Settings budgets', () => {
  let container: HTMLElement
  let root: Root
  let monitor: Monitor
  beforeEach(() => {
    container = document.createElement('div')
    document.body.appendChild(container)
    root = createRoot(container)
  })
  afterEach(() => {
    act(() => root.unmount())
    container.remove()
    monitor.stop()
  })

  const render = () => act(() => root.render(<BudgetSettings monitor={monitor} />))
  const alerts = () => [...container.querySelectorAll('[role="alert"]')].map((a) => a.textContent)

  it('names a budget file given to createMonitor that did not read, and the reason', async () => {
    const typo = { budgets: { 'vital.LPC': { warning: 'p(75)<2500' } } }
    monitor = createMonitor({ sources: [], budgets: { file: typo } })
    monitor.start()
    render()
    await vi.waitFor(() => expect(alerts()).toEqual([expect.stringMatching(/budget file is not in force.*vital.LCP/)]))
  })

  it('shows why a budget added at run time was refused, once set() has rejected', async () => {
    monitor = createMonitor({ sources: [] })
    monitor.start()
    render()
    await vi.waitFor(() => expect(container.querySelector('input[aria-label="New budget"]')).not.toBeNull())
    const field = (label: string) => container.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)!
    const type = (input: HTMLInputElement, value: string) => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value)
      input.dispatchEvent(new Event('input', { bubbles: true }))
    }
    act(() => {
      type(field('Budget metric'), 'GET /api/*')
      type(field('New budget'), 'p95<200')
    })
    act(() => container.querySelector('form')!.requestSubmit())
    await vi.waitFor(() => expect(alerts()).toEqual([expect.stringMatching(/threshold "p95<200" is not of the form/)]))
    expect(field('New budget').value).toBe('p95<200')
  })
})
