import { describe, expect, it } from 'vitest'
import { figure, reasonOf, unavailable } from '../measurement.ts'
import { formatNumber, toJson, toMarkdown, type RunInfo } from '../report.ts'
import { summarize } from '../stats.ts'

const info: RunInfo = {
  startedAt: '2026-01-01T00:00:00.000Z',
  durationS: 12,
  quick: false,
  only: null,
  node: 'v20',
  chromium: null,
  cpus: 2,
  cpuModel: 'test CPU',
  platform: 'linux',
}

describe('bench rows and report', () => {
  it('states the median, its IQR and the ratio to the baseline measured in the same run', () => {
    const row = figure({
      measurement: 'fetch',
      sdk: 'x',
      unit: 'µs',
      summary: summarize([10, 20, 30, 40, 50]),
      runsDetail: 'rounds',
      baseline: { label: 'native', value: 15 },
    })
    expect(row).toMatchObject({ value: 30, runs: 5, spread: { kind: 'IQR', low: 20, high: 40 }, ratio: 2 })
    const table = toMarkdown([row], info, [])
    expect(table).toContain('| fetch | x | **30.0** | µs | 5 (rounds) | IQR 20.0–40.0 | 2.00× native |')
  })

  it('prints a missing part as "not available: <reason>" and never a figure', () => {
    const row = unavailable('codec', 'perfscope', 'bytes', 'no codec')
    expect(toMarkdown([row], info, [])).toContain('| codec | perfscope | not available: no codec | bytes |')
    expect(JSON.parse(toJson([row], info, []))).toMatchObject({ rows: [{ value: null, unavailable: 'no codec' }] })
  })

  it('prints a row’s detail under the table, headed by its measurement and SDK', () => {
    const row = { ...unavailable('heap diff', 'perfscope', 'KiB', 'r'), detail: '| class | bytes Δ |\n| --- | --- |' }
    const table = toMarkdown([row], info, [])
    const [rows, rest] = table.split('#### heap diff: perfscope')
    expect(rows).toContain('| heap diff | perfscope |')
    expect(rest).toContain('| class | bytes Δ |\n| --- | --- |')
  })

  it('keeps a table cell intact when the text has a pipe', () => {
    const row = unavailable('m', 'a|b', 'u', 'r')
    expect(toMarkdown([row], info, [])).toContain('| m | a\\|b |')
  })

  it('rounds to about three significant digits', () => {
    expect([formatNumber(1234.5), formatNumber(12.345), formatNumber(1.2345), formatNumber(0.012345)]).toEqual([
      '1235',
      '12.3',
      '1.23',
      '0.012',
    ])
  })

  it('gives the telling line of a bundler error as the reason', () => {
    const nested = new Error(
      'Build failed with 1 error:\n\n\u001b[31m[plugin]\u001b[0m threw\n\nCaused by:\n    0: outer\n    1: "./production" is not exported\n\nStack backtrace:\n   0: <unknown>',
    )
    expect(reasonOf(nested)).toBe('"./production" is not exported')
    expect(reasonOf(new Error('Build failed with 1 error:\n\n[MISSING_EXPORT] "X" is not exported'))).toBe(
      '[MISSING_EXPORT] "X" is not exported',
    )
  })
})
