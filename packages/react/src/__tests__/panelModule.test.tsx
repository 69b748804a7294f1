import { act, useLayoutEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { describe, expect, it, vi } from 'vitest'
import { usePanelModule } from '../overlay/panelModule.ts'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

// The panel's chunk cannot be fetched (a deploy replaced it, the dev server went away).
vi.mock('../panel/panelChunk.ts', () => {
  throw new Error('Failed to fetch dynamically imported module: /assets/Panel-1234.js')
})

/** Shows the hook's state; `committed` gets what each commit put on screen (not renders React threw away). */
function Probe({ wanted, committed }: { wanted: boolean; committed?: string[] }) {
  const { panel, error } = usePanelModule(wanted)
  const text = panel ? 'loaded' : error ? `error: ${error}` : wanted ? 'loading' : 'closed'
  useLayoutEffect(() => {
    committed?.push(text)
  })
  return <p>{text}</p>
}

describe('usePanelModule()', () => {
  it('fetches nothing until wanted, then says why the panel could not load instead of throwing', async () => {
    const container = document.createElement('div')
    const root = createRoot(container)
    await act(async () => root.render(<Probe wanted={false} />))
    expect(container.textContent).toBe('closed')
    await act(async () => root.render(<Probe wanted />))
    await vi.waitFor(() => expect(container.textContent).toMatch(/^error: \S/))
    act(() => root.unmount())
  })

  it('shows a fresh load, not the last failure, when the panel is wanted again', async () => {
    const container = document.createElement('div')
    const root = createRoot(container)
    const shown: string[] = []
    await act(async () => root.render(<Probe wanted committed={shown} />))
    await vi.waitFor(() => expect(shown.at(-1)).toMatch(/^error: /))
    await act(async () => root.render(<Probe wanted={false} committed={shown} />))
    shown.length = 0
    await act(async () => root.render(<Probe wanted committed={shown} />))
    await vi.waitFor(() => expect(shown.at(-1)).toMatch(/^error: /))
    expect(shown[0]).toBe('loading')
    act(() => root.unmount())
  })
})
