import { act, Profiler } from 'react'
import { createRoot } from 'react-dom/client'
import { describe, expect, it, vi } from 'vitest'
import { Timeline, TIMELINE_SERIES, type TimelinePoint } from '../timeline/timeline.ts'
import { Chart, type ChartLine } from '../panel/Chart.tsx'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

// happy-dom has no canvas to draw on: a stand-in plot that takes its data and draws nothing.
vi.mock('uplot', () => ({
  default: class {
    width = 200
    setData() {}
    setSize() {}
    destroy() {}
  },
}))

const LINES: ChartLine[] = [{ series: 'rps', label: 'requests', unit: '/s', color: '#3b82f6' }]
const point = (at: number) => ({ at, ...Object.fromEntries(TIMELINE_SERIES.map((name) => [name, 1])) }) as TimelinePoint

describe('<Chart/>', () => {
  it('says it waits for data until the first point arrives, with no render from its parent, and not for later points', () => {
    const container = document.createElement('div')
    const root = createRoot(container)
    const timeline = new Timeline()
    let commits = 0
    act(() =>
      root.render(
        <Profiler id="chart" onRender={() => commits++}>
          <Chart timeline={timeline} title="Requests" lines={LINES} />
        </Profiler>,
      ),
    )
    expect(container.textContent).toContain('Waiting for the first data point')
    act(() => timeline.push(point(1_000)))
    expect(container.textContent).not.toContain('Waiting for the first data point')
    const afterFirst = commits
    act(() => {
      timeline.push(point(2_000))
      timeline.push(point(3_000))
    })
    expect(commits).toBe(afterFirst)
    act(() => root.unmount())
  })
})
