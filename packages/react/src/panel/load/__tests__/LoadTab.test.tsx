import { act } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useReactRoot } from '../../../__tests__/reactRoot.ts'
import { createMonitor } from '@perfscope/core'
import { LoadTab } from '../LoadTab.tsx'

describe('the Load tab', () => {
  const dom = useReactRoot()
  afterEach(() => {
    vi.restoreAllMocks()
  })

  const preset = () => dom.container.querySelector<HTMLSelectElement>('select[aria-label="Preset"]')

  it('says it is loading until the presets arrive, then opens on High user load, and at once when opened again', async () => {
    const monitor = createMonitor({ sources: [] })
    act(() => dom.root.render(<LoadTab monitor={monitor} />))
    expect(dom.container.textContent).toBe('Loading the load simulator…')
    const presets = await act(() => monitor.load.presets())
    expect(preset()!.value).toBe('High user load')
    expect([...preset()!.options].map((o) => o.value)).toEqual(presets.map((p) => p.name))

    act(() => dom.root.render(<span />))
    act(() => dom.root.render(<LoadTab monitor={monitor} />))
    expect(preset()!.value).toBe('High user load')
    await act(() => monitor.load.presets())
  })

  it('says why when the load simulator cannot load', async () => {
    const monitor = createMonitor({ sources: [] })
    vi.spyOn(monitor.load, 'presets').mockRejectedValue(new Error('Failed to fetch dynamically imported module'))
    await act(async () => dom.root.render(<LoadTab monitor={monitor} />))
    expect(dom.container.querySelector('[role="alert"]')?.textContent).toBe(
      'The load simulator could not load: Failed to fetch dynamically imported module',
    )
  })
})
