import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { PerfOverlay, PerfProfiler, PerfscopeProvider, usePerformanceMonitor } from '../../src/index.ts'

function Running() {
  const { state } = usePerformanceMonitor((s) => s.running)
  return <p>monitoring {state ? 'on' : 'off'}</p>
}

describe('@perfscope/react on the server', () => {
  it('renders the app around the overlay, and nothing of the overlay itself, without touching window', () => {
    const html = renderToString(
      <PerfscopeProvider>
        <PerfProfiler id="App">
          <Running />
        </PerfProfiler>
        <PerfOverlay />
        <PerfOverlay mode="page" />
      </PerfscopeProvider>,
    )
    expect(typeof window).toBe('undefined')
    // Page mode leaves only its empty host element, so hydration finds the same markup.
    expect(html).toBe('<p>monitoring <!-- -->off</p><div data-perfscope-page=""></div>')
  })
})
