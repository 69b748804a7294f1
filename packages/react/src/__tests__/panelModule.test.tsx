import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { describe, expect, it, vi } from 'vitest'
import { usePanelModule } from '../overlay/panelModule.ts'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

// The panel's chunk cannot be fetched (a deploy replaced it, the dev server went away).
vi.mock('../panel/panelChunk.ts', () => {
  throw new Error('Failed to fetch dynamically imported module: /assets/Panel-1234.js')
})

function Probe({ wanted }: { wanted: boolean }) {
  const { panel, error } = usePanelModule(wanted)
  return <p>{panel ? 'loaded' : error ? `error: ${error}` : wanted ? 'loading' : 'closed'}</p>
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
})
