import { memo, useCallback, useContext, useLayoutEffect, useRef, useSyncExternalStore } from 'react'
import uPlot from 'uplot'
import type { Timeline, TimelineSeries } from '../timeline/timeline.ts'
import { FirstChartContext } from './firstChart.ts'

/** One line of a chart. */
export interface ChartLine {
  series: TimelineSeries
  label: string
  /** Unit appended to axis ticks and hover values (`ms`, `/s`, `MB`). */
  unit: string
  color: string
  /** Lines with different scales get their own y axis (the second on the right). */
  scale?: string
}

const MIN_WINDOW_S = 60
const AXIS = '#8a93a3'
const GRID = 'rgba(138, 147, 163, 0.18)'

function fmt(value: number | null, unit: string): string {
  if (value == null || !Number.isFinite(value)) return '—'
  const digits = Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2
  return `${value.toFixed(digits)} ${unit}`.trim()
}

/**
 * What the legend shows for series `sidx`: `hovered`, the value at the point under the cursor, or while the cursor
 * is off the chart (no `idx`), the value at the newest point, where uPlot would show a dash for every line.
 */
function legendValue(u: uPlot, sidx: number, hovered: number | null, idx: number | null): number | null {
  if (idx != null) return hovered
  const newest = u.data[0].length - 1
  return newest < 0 ? null : (u.data[sidx]?.[newest] ?? null)
}

/**
 * A live uPlot time-series chart of `timeline`; its legend gives the values at the point under the cursor, or at
 * the newest point while the cursor is elsewhere. It redraws at most once per animation frame, only when new points
 * arrived, and only while on screen and the page is visible; otherwise it just remembers that it is stale.
 * React renders it again only when its props change (pass `lines` as a constant) or its first point arrives:
 * new points go to uPlot directly, never through a React render.
 */
export const Chart = memo(function Chart({
  timeline,
  lines,
  title,
  height = 140,
}: {
  timeline: Timeline
  lines: ChartLine[]
  title: string
  height?: number
}) {
  const box = useRef<HTMLDivElement>(null)
  const onFirstDraw = useContext(FirstChartContext)
  const linesKey = JSON.stringify(lines)
  const subscribe = useCallback((listener: () => void) => timeline.onPush(listener), [timeline])
  const empty = useSyncExternalStore(
    subscribe,
    () => timeline.length === 0,
    () => true,
  )

  // A layout effect, so the plot is in the very commit that adds its box: the panel's first paint has the chart,
  // instead of an empty box painted first and the chart one frame later.
  useLayoutEffect(() => {
    const el = box.current
    if (!el) return
    const names = lines.map((l) => l.series)
    const scales = [...new Set(lines.map((l) => l.scale ?? 'y'))]
    const unitOf = (scale: string) => lines.find((l) => (l.scale ?? 'y') === scale)?.unit ?? ''
    const options: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      // At least a minute wide, so a fresh chart does not zoom into sub-second ticks.
      scales: {
        x: {
          time: true,
          range: (_u, min, max) => {
            const hi = max != null && Number.isFinite(max) ? max : Date.now() / 1000
            const lo = min != null && Number.isFinite(min) ? Math.min(min, hi - MIN_WINDOW_S) : hi - MIN_WINDOW_S
            return [lo, hi]
          },
        },
        // Every series is a non-negative amount: start at 0 and keep an axis even before the first value.
        ...Object.fromEntries(
          scales.map((scale) => [
            scale,
            {
              range: (_u: uPlot, _min: number | null, max: number | null) =>
                [0, max != null && max > 0 ? max * 1.15 : 1] as uPlot.Range.MinMax,
            },
          ]),
        ),
      },
      series: [
        {
          value: (u, v, _sidx, idx) => {
            const t = legendValue(u, 0, v, idx)
            return t == null ? '—' : new Date(t * 1000).toLocaleTimeString()
          },
        },
        ...lines.map((l) => ({
          label: l.label,
          scale: l.scale ?? 'y',
          stroke: l.color,
          width: 1.5,
          fill: `${l.color}1f`,
          points: { show: false },
          value: (u: uPlot, v: number | null, sidx: number, idx: number | null) =>
            fmt(legendValue(u, sidx, v, idx), l.unit),
        })),
      ],
      axes: [
        { stroke: AXIS, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID, width: 1 } },
        ...scales.map((scale, i) => ({
          scale,
          side: i === 0 ? 3 : 1,
          stroke: AXIS,
          size: 74,
          grid: { show: i === 0, stroke: GRID, width: 1 },
          ticks: { stroke: GRID, width: 1 },
          values: (_u: uPlot, ticks: number[]) => ticks.map((t) => fmt(t, unitOf(scale))),
        })),
      ],
      hooks: {
        draw: [
          () => {
            if (timeline.length > 0) onFirstDraw()
          },
        ],
      },
    }
    const plot = new uPlot(options, timeline.columns(names) as uPlot.AlignedData, el)
    let drawnVersion = timeline.version
    let frame = 0
    let onScreen = true

    const draw = () => {
      frame = 0
      if (!onScreen || document.visibilityState !== 'visible' || drawnVersion === timeline.version) return
      drawnVersion = timeline.version
      plot.setData(timeline.columns(names) as uPlot.AlignedData)
    }
    const request = () => {
      if (frame === 0 && onScreen && document.visibilityState === 'visible') frame = requestAnimationFrame(draw)
    }
    const offPush = timeline.onPush(request)
    const visibility = new IntersectionObserver((entries) => {
      onScreen = entries.some((e) => e.isIntersecting)
      request()
    })
    visibility.observe(el)
    document.addEventListener('visibilitychange', request)
    const resize = new ResizeObserver(() => {
      const width = Math.max(200, el.clientWidth)
      if (width !== plot.width) plot.setSize({ width, height })
    })
    resize.observe(el)
    return () => {
      offPush()
      visibility.disconnect()
      resize.disconnect()
      document.removeEventListener('visibilitychange', request)
      if (frame) cancelAnimationFrame(frame)
      plot.destroy()
    }
    // `linesKey` stands for `lines` (a fresh array each render); rebuilding the plot on every render would flicker.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above: `lines` is compared through `linesKey`
  }, [timeline, linesKey, height, onFirstDraw])

  return (
    <figure className="ps-chart" aria-label={title} style={{ margin: '0 0 12px' }}>
      <figcaption className="ps-chart__title">{title}</figcaption>
      <div ref={box} className="ps-chart__plot" />
      {empty ? (
        <p className="ps-muted" style={{ margin: '0 0 6px' }}>
          Waiting for the first data point…
        </p>
      ) : null}
    </figure>
  )
})
