import { escapeHtml } from './escapeHtml.ts'

/** One line of a chart: `[x, y]` points (y `null` is a gap). */
export interface ChartSeries {
  name: string
  points: ReadonlyArray<readonly [number, number | null]>
}

/** One bar of a bar chart. */
export interface ChartBar {
  label: string
  value: number
  tone?: 'good' | 'warn' | 'bad'
}

/** Line colours; the report's stylesheet gives the legend swatches `.c0`…`.c3` the same ones. */
export const COLORS = ['#2563eb', '#9333ea', '#dc2626', '#16a34a']
const TONES = { good: '#16a34a', warn: '#d97706', bad: '#dc2626' }
const WIDTH = 720
/** Most points drawn per line and bars per chart: a long run is thinned, so the file stays small. */
export const MAX_POINTS = 600
export const MAX_BARS = 30

/** A 1-2-5 step so that about four ticks cover `max`. */
function niceStep(max: number): number {
  const raw = max / 4
  const base = 10 ** Math.floor(Math.log10(raw))
  const m = raw / base
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * base
}

function tickLabel(v: number): string {
  return Math.abs(v) >= 1000 ? `${Number((v / 1000).toPrecision(3))}k` : String(Number(v.toPrecision(3)))
}

/** At most `max` items, evenly spaced, first included. */
export function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items]
  const step = items.length / max
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]!)
}

/**
 * A line chart as inline SVG (no script, no external resource): y from 0 to a rounded maximum, a legend, and
 * `title` as the accessible name. `xLabel` and `yUnit` name the axes.
 */
export function lineChart(
  title: string,
  series: readonly ChartSeries[],
  options: { xLabel: string; yUnit: string; height?: number },
): string {
  const height = options.height ?? 220
  const left = 56
  const right = 16
  const top = 16
  const bottom = 44
  const plotW = WIDTH - left - right
  const plotH = height - top - bottom
  const drawn = series.map((s) => ({ ...s, points: thin(s.points, MAX_POINTS) }))
  const xs = drawn.flatMap((s) => s.points.map((p) => p[0]))
  const ys = drawn.flatMap((s) =>
    s.points.map((p) => p[1]).filter((v): v is number => v !== null && Number.isFinite(v)),
  )
  if (xs.length === 0 || ys.length === 0)
    return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption><p class="muted">No data.</p></figure>`
  const xMin = Math.min(...xs)
  const xMax = Math.max(...xs)
  const step = niceStep(Math.max(...ys) || 1)
  const yMax = Math.ceil((Math.max(...ys) || 1) / step) * step
  const x = (v: number) => left + (xMax === xMin ? plotW / 2 : ((v - xMin) / (xMax - xMin)) * plotW)
  const y = (v: number) => top + plotH - (v / yMax) * plotH
  const parts: string[] = []
  for (let v = 0; v <= yMax + step / 2; v += step) {
    parts.push(
      `<line x1="${left}" x2="${WIDTH - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/>`,
    )
    parts.push(`<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${tickLabel(v)}</text>`)
  }
  const xStep = niceStep(xMax - xMin || 1)
  for (let v = Math.ceil(xMin / xStep) * xStep; v <= xMax; v += xStep) {
    parts.push(`<text x="${x(v).toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle">${tickLabel(v)}</text>`)
  }
  parts.push(
    `<text x="${left + plotW / 2}" y="${height - 6}" text-anchor="middle">${escapeHtml(options.xLabel)}</text>`,
  )
  parts.push(
    `<text x="12" y="${top + plotH / 2}" text-anchor="middle" transform="rotate(-90 12 ${top + plotH / 2})">${escapeHtml(options.yUnit)}</text>`,
  )
  drawn.forEach((s, i) => {
    let d = ''
    let pen = 'M'
    for (const [px, py] of s.points) {
      if (py === null || !Number.isFinite(py)) {
        pen = 'M'
        continue
      }
      d += `${pen}${x(px).toFixed(1)},${y(py).toFixed(1)} `
      pen = 'L'
    }
    parts.push(`<path d="${d.trim()}" fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="2"/>`)
  })
  const legend = drawn
    .map((s, i) => `<span class="key"><span class="swatch c${i % COLORS.length}"></span>${escapeHtml(s.name)}</span>`)
    .join(' ')
  return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption><svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(title)}">${parts.join('')}</svg><div class="legend">${legend}</div></figure>`
}

/** A horizontal bar chart as inline SVG, one bar per label (longest first as given), values with `unit`. */
export function barChart(title: string, bars: readonly ChartBar[], format: (v: number) => string): string {
  const shown = bars.slice(0, MAX_BARS).filter((b) => Number.isFinite(b.value))
  if (shown.length === 0)
    return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption><p class="muted">No data.</p></figure>`
  const labelW = 260
  const valueW = 90
  const rowH = 22
  const height = shown.length * rowH + 8
  const max = Math.max(...shown.map((b) => b.value)) || 1
  const plotW = WIDTH - labelW - valueW
  const rows = shown.map((b, i) => {
    const yTop = 4 + i * rowH
    const w = Math.max(1, (b.value / max) * plotW)
    const label = b.label.length > 40 ? `${b.label.slice(0, 39)}…` : b.label
    return (
      `<text x="${labelW - 8}" y="${yTop + 15}" text-anchor="end"><title>${escapeHtml(b.label)}</title>${escapeHtml(label)}</text>` +
      `<rect x="${labelW}" y="${yTop + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${TONES[b.tone ?? 'good']}" rx="2"/>` +
      `<text x="${(labelW + w + 6).toFixed(1)}" y="${yTop + 15}">${escapeHtml(format(b.value))}</text>`
    )
  })
  return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption><svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(title)}">${rows.join('')}</svg></figure>`
}
