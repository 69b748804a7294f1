import type { Measurement, Row } from './measurement.ts'

/** Where and how a run happened, stored beside the rows. */
export interface RunInfo {
  startedAt: string
  durationS: number
  quick: boolean
  only: string[] | null
  node: string
  chromium: string | null
  cpus: number
  cpuModel: string
  platform: string
}

/** A number with about three significant digits, without exponent notation for the sizes we print. */
export function formatNumber(value: number): string {
  if (value === 0) return '0'
  const abs = Math.abs(value)
  if (abs >= 100) return value.toFixed(0)
  if (abs >= 10) return value.toFixed(1)
  if (abs >= 1) return value.toFixed(2)
  return value.toPrecision(2)
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

function valueCell(row: Row): string {
  if (row.value === null) return `not available: ${row.unavailable ?? 'unknown'}`
  return `**${formatNumber(row.value)}**`
}

function spreadCell(row: Row): string {
  if (!row.spread) return ''
  const { kind, low, high } = row.spread
  return `${kind} ${formatNumber(low)}–${formatNumber(high)}`
}

function ratioCell(row: Row): string {
  if (row.ratio === null || row.ratioTo === null) return ''
  return `${row.ratio.toFixed(2)}× ${row.ratioTo}`
}

/** The results as one markdown table (medians in bold), followed by a line on the run. */
export function toMarkdown(rows: readonly Row[], info: RunInfo, measurements: readonly Measurement[]): string {
  const lines = [
    '| measurement | SDK | value | unit | runs | spread | ratio | note |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ]
  for (const row of rows) {
    const runs = row.value === null ? '' : `${row.runs} (${row.runsDetail})`
    lines.push(
      `| ${[row.measurement, row.sdk, valueCell(row), row.unit, runs, spreadCell(row), ratioCell(row), row.note]
        .map(cell)
        .join(' | ')} |`,
    )
  }
  lines.push('')
  for (const row of rows) {
    if (!row.detail) continue
    lines.push(`#### ${row.measurement}: ${row.sdk}`, '', row.detail, '')
  }
  lines.push(
    `Run ${info.startedAt}, ${info.durationS.toFixed(0)} s${info.quick ? ' (--quick: smaller counts)' : ''}` +
      `${info.only ? `, only ${info.only.join(', ')}` : ''}; Node ${info.node}, Chromium ${info.chromium ?? 'not used'}, ` +
      `${info.cpus} × ${info.cpuModel}, ${info.platform}. Measurements: ${measurements.map((m) => m.id).join(', ')}. ` +
      'How to read each figure: docs/benchmarks.md.',
  )
  return lines.join('\n') + '\n'
}

/** The JSON twin of the table: the same rows with full precision, plus what each measurement is. */
export function toJson(rows: readonly Row[], info: RunInfo, measurements: readonly Measurement[]): string {
  return (
    JSON.stringify(
      {
        info,
        measurements: measurements.map(({ id, title, description }) => ({ id, title, description })),
        rows,
      },
      null,
      2,
    ) + '\n'
  )
}
