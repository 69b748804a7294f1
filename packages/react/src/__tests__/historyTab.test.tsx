import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMonitor, type Monitor, type Source } from '@perfscope/core'
import { HistoryTab } from '../panel/history/HistoryTab.tsx'
import { useReactRoot } from './reactRoot.ts'

/** A source that reports one finished request, so the day's record has an endpoint to list. */
const oneRequest: Source = {
  name: 'oneRequest',
  metric: null,
  start(context) {
    context.emit({ key: 'http.GET /api/items', t: 1, v: 12, tags: { status: '200' } })
    return () => {}
  },
}

/** Lets history load, write and read (a memory store in this environment) and React update, until `done`. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) {
    await act(() => new Promise((r) => setTimeout(r, 10)))
  }
}

describe('HistoryTab', () => {
  const view = useReactRoot()
  let monitor: Monitor

  beforeEach(() => {
    monitor = createMonitor({ sources: [oneRequest] })
    monitor.start()
  })
  afterEach(() => monitor.stop())

  it('reads the stored days again when the store changes under it, as when another tab clears it', async () => {
    const listed = () => view.container.textContent!.includes('Daily trends (1 day')
    act(() => view.root.render(<HistoryTab monitor={monitor} />))
    await until(listed)
    expect(listed()).toBe(true)
    const days = vi.spyOn(monitor.history, 'days')
    await act(() => monitor.history.clear())
    await until(() => days.mock.calls.length > 0 && listed())
    // The store's count went to 0 and back to 1 with the tab's own write: each change read the list again.
    expect(days).toHaveBeenCalled()
    expect(view.container.textContent).toContain('Daily trends (1 day')
  })

  it('compares today with the day it pins from its button', async () => {
    const compared = () => view.container.textContent!.includes('No regression against')
    act(() => view.root.render(<HistoryTab monitor={monitor} />))
    await until(() => view.container.textContent!.includes('Daily trends (1 day'))
    const pin = [...view.container.querySelectorAll('button')].find((b) => b.textContent === 'Pin today as baseline')!
    act(() => pin.click())
    await until(compared)
    expect(view.container.textContent).toMatch(/Pinned: \d{4}-\d{2}-\d{2}/)
    expect(compared()).toBe(true)
  })

  it('deletes the stored history from its button only once the deletion is confirmed', async () => {
    const button = (label: string) =>
      [...view.container.querySelectorAll('button')].find((b) => b.textContent === label) ?? null
    act(() => view.root.render(<HistoryTab monitor={monitor} />))
    await until(() => view.container.textContent!.includes('Daily trends (1 day'))
    const clear = vi.spyOn(monitor.history, 'clear')
    act(() => button('Delete stored history…')!.click())
    act(() => button('Cancel')!.click())
    expect(clear).not.toHaveBeenCalled()
    expect(button('Delete stored history…')).not.toBeNull()
    act(() => button('Delete stored history…')!.click())
    act(() => button('Delete')!.click())
    await until(() => view.container.textContent!.includes('Stored history deleted'))
    expect(clear).toHaveBeenCalledOnce()
    expect(view.container.textContent).toContain('Stored history deleted')
  })

  it('says how long what is stored is kept, as history reports it', async () => {
    act(() => view.root.render(<HistoryTab monitor={monitor} />))
    await until(() => view.container.textContent!.includes('Daily trends (1 day'))
    expect(monitor.snapshot().history?.retention).toEqual({ summaryDays: 183, detailDays: 30, runs: 50 })
    expect(view.container.textContent).toContain(
      'daily summaries for 6 months, request detail for 30 days, the last 50 load runs and the pinned baselines',
    )
    expect(view.container.textContent).toContain('each finished run of the Load tab is kept here (the last 50).')
  })
})
