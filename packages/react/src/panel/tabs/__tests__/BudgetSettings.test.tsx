import { act } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useReactRoot } from '../../../__tests__/reactRoot.ts'
import { createMonitor, type Monitor } from '@perfscope/core'
import { BudgetSettings } from '../BudgetSettings.tsx'

describe('the Settings budgets', () => {
  const dom = useReactRoot()
  let monitor: Monitor
  afterEach(() => {
    monitor.stop()
  })

  const render = () => act(() => dom.root.render(<BudgetSettings monitor={monitor} />))
  const alerts = () => [...dom.container.querySelectorAll('[role="alert"]')].map((a) => a.textContent)

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
    await vi.waitFor(() => expect(dom.container.querySelector('input[aria-label="New budget"]')).not.toBeNull())
    const field = (label: string) => dom.container.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)!
    const type = (input: HTMLInputElement, value: string) => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value)
      input.dispatchEvent(new Event('input', { bubbles: true }))
    }
    act(() => {
      type(field('Budget metric'), 'GET /api/*')
      type(field('New budget'), 'p95<200')
    })
    act(() => dom.container.querySelector('form')!.requestSubmit())
    await vi.waitFor(() => expect(alerts()).toEqual([expect.stringMatching(/threshold "p95<200" is not of the form/)]))
    expect(field('New budget').value).toBe('p95<200')
  })
})
