import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMonitor } from '@perfscope/core'
import { LoadTab } from '../LoadTab.tsx'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

describe('the Load tab', () => {
  let container: HTMLElement
  let root: Root
  beforeEach(() => {
    container = document.createElement('div')
    document.body.appendChild(container)
    root = createRoot(container)
  })
  afterEach(() => {
    act(() => root.unmount())
    container.remove()
    vi.restoreAllMocks()
  })

  const preset = () => container.querySelector<HTMLSelectElement>('select[aria-label="Preset"]')

  it('says it is loading until the presets arrive, then opens on High user load, and at once when opened again', async () => {
    const monitor = createMonitor({ sources: [] })
    act(() => root.render(<LoadTab monitor={monitor} />))
    expect(container.textContent).toBe('Loading the load simulator…')
    const presets = await act(() => monitor.load.presets())
    expect(preset()!.value).toBe('High user load')
    expect([...preset()!.options].map((o) => o.value)).toEqual(presets.map((p) => p.name))

    act(() => root.render(<span />))
    act(() => root.render(<LoadTab monitor={monitor} />))
    expect(preset()!.value).toBe('High user load')
    await act(() => monitor.load.presets())
  })

  it('says why when the load simulator cannot load', async () => {
    const monitor = createMonitor({ sources: [] })
    vi.spyOn(monitor.load, 'presets').mockRejectedValue(new Error('Failed to fetch dynamically imported module'))
    await act(async () => root.render(<LoadTab monitor={monitor} />))
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(
      'The load simulator could not load: Failed to fetch dynamically imported module',
    )
  })
})
