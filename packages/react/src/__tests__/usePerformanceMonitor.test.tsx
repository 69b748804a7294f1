import { act, StrictMode, useEffect, useRef } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { useReactRoot } from './reactRoot.ts'
import { createMonitor, type Monitor, type Snapshot, type Source } from '@perfscope/core'
import { usePerformanceMonitor, type PerformanceMonitorApi } from '../usePerformanceMonitor.ts'
import { PerfscopeProvider } from '../PerfscopeProvider.tsx'
import { PerfOverlay } from '../PerfOverlay.tsx'

/** A source that counts how many times it is installed at once, like an interceptor would. */
function countingSource() {
  const counts = { active: 0, maxActive: 0, starts: 0 }
  const source: Source = {
    name: 'counting',
    metric: 'network',
    start() {
      counts.starts++
      counts.maxActive = Math.max(counts.maxActive, ++counts.active)
      return () => {
        counts.active--
      }
    },
  }
  return { source, counts }
}

describe('usePerformanceMonitor()', () => {
  const dom = useReactRoot()

  it('re-renders a component only when the part it selects changes', async () => {
    const monitor = createMonitor({ sources: [] })
    const renders: number[] = []
    function Running() {
      const count = useRef(0)
      const { state } = usePerformanceMonitor((s) => s.running, { monitor })
      renders.push(++count.current)
      return <span>{state ? 'on' : 'off'}</span>
    }
    act(() => dom.root.render(<Running />))
    expect(dom.container.textContent).toBe('off')
    await act(async () => monitor.start())
    expect(dom.container.textContent).toBe('on')
    const before = renders.length
    // Other slices change; `running` does not.
    await act(async () => {
      monitor.renders.record('X', 'mount', 1, 1)
      monitor.setFilter('memory', false)
      await Promise.resolve()
    })
    expect(renders.length).toBe(before)
    await act(async () => monitor.stop())
  })

  it('gives actions that toggle monitoring, set filters, run and stop load, and export JSON', async () => {
    const monitor = createMonitor({ sources: [] })
    let api: PerformanceMonitorApi<Snapshot> | null = null
    function Holder() {
      api = usePerformanceMonitor()
      return null
    }
    act(() =>
      dom.root.render(
        <PerfscopeProvider monitor={monitor} autoStart={false}>
          <Holder />
        </PerfscopeProvider>,
      ),
    )
    expect(api!.monitor).toBe(monitor)
    await act(async () => api!.toggleMonitoring())
    expect(api!.state.running).toBe(true)
    await act(async () => api!.setFilter('vitals', false))
    expect(api!.state.filters.vitals).toBe(false)
    expect(JSON.parse(api!.exportJson())).toMatchObject({ running: true, filters: { vitals: false } })
    await act(async () => api!.setMonitoring(false))
    expect(api!.state.running).toBe(false)
    const run = vi.spyOn(monitor.load, 'run').mockResolvedValue('done' as never)
    const stop = vi.spyOn(monitor.load, 'stop')
    const scenario = (await monitor.load.presets())[0]!.scenario
    await expect(api!.runLoad(scenario)).resolves.toBe('done')
    api!.stopLoad('enough')
    expect(run).toHaveBeenCalledWith(scenario)
    expect(stop).toHaveBeenCalledWith('enough')
  })

  it('installs sources once under StrictMode double effects, keeps them through the simulated remount, and stops on unmount', async () => {
    const { source, counts } = countingSource()
    const monitor = createMonitor({ sources: [source] })
    await act(async () =>
      dom.root.render(
        <StrictMode>
          <PerfscopeProvider monitor={monitor}>
            <span />
          </PerfscopeProvider>
        </StrictMode>,
      ),
    )
    expect(monitor.running).toBe(true)
    expect(counts.starts).toBe(1)
    expect(counts.active).toBe(1)
    await act(async () => dom.root.render(<span />))
    expect(monitor.running).toBe(false)
    expect(counts.active).toBe(0)
  })

  it('starts the monitor before the first effect of any child runs', async () => {
    const monitor = createMonitor({ sources: [] })
    const seen: boolean[] = []
    function Child() {
      useEffect(() => {
        seen.push(monitor.running)
      }, [])
      return null
    }
    await act(async () =>
      dom.root.render(
        <StrictMode>
          <PerfscopeProvider monitor={monitor}>
            <Child />
          </PerfscopeProvider>
        </StrictMode>,
      ),
    )
    expect(seen).toEqual([true, true])
  })

  it('starts the shared monitor from <PerfOverlay/> before the effects of components rendered before it', async () => {
    const monitor = createMonitor({ sources: [] })
    const seen: boolean[] = []
    function Sibling() {
      useEffect(() => {
        seen.push(monitor.running)
      }, [])
      return null
    }
    await act(async () =>
      dom.root.render(
        <>
          <Sibling />
          <PerfOverlay monitor={monitor} />
        </>,
      ),
    )
    expect(seen).toEqual([true])
    await act(async () => dom.root.render(<span />))
    expect(monitor.running).toBe(false)
  })

  it('leaves the monitor stopped when autoStart is false', async () => {
    const monitor = createMonitor({ sources: [] })
    await act(async () => dom.root.render(<PerfscopeProvider monitor={monitor} autoStart={false} />))
    expect(monitor.running).toBe(false)
  })

  it('leaves a monitor the app started itself running after the provider unmounts', () => {
    const monitor: Monitor = createMonitor({ sources: [] })
    monitor.start()
    act(() => dom.root.render(<PerfscopeProvider monitor={monitor} />))
    act(() => dom.root.render(<span />))
    expect(monitor.running).toBe(true)
    monitor.stop()
  })
})
