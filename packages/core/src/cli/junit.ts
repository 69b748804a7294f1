import type { BudgetRow, Regression } from '../features/budgets/evaluate.ts'

/** What `perfscope check` found, as `--format json` prints it and the JUnit writer reads it. */
export interface CheckResult {
  schema: 'perfscope-check'
  version: 1
  report: string
  budget: string
  env: string | null
  baseline: string | null
  strict: boolean
  /** The process exit code: 0 good, 1 a critical budget failed or a regression was found (`--strict`: a warning too). */
  exitCode: 0 | 1
  summary: { ok: number; warning: number; critical: number; noData: number; regressions: number }
  budgets: BudgetRow[]
  regressions: Regression[]
}

// XML 1.0 forbids most control characters even as references: drop them, then escape markup.
// eslint-disable-next-line no-control-regex -- these control characters are exactly what is removed
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g

/** Escapes text for XML content and quoted attributes. */
export function escapeXml(value: unknown): string {
  return String(value)
    .replace(INVALID_XML, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
}

function actualText(actual: number | null): string {
  return actual === null ? 'no data' : String(Number(actual.toPrecision(6)))
}

/**
 * JUnit XML of a check: one test case per budget (a failed critical budget is a failure; a failed warning is a
 * failure with `--strict`, else a pass that says so in its output; a budget without data is skipped), and one test
 * case per regression against the baseline (or one passing case when there is none).
 */
export function checkJunitXml(result: CheckResult, now = new Date()): string {
  const cases = result.budgets.map((row) => {
    const name = `${row.metric} ${row.level} ${row.expression}`
    const open = `    <testcase classname="perfscope.budgets.${row.level}" name="${escapeXml(name)}">`
    const detail = `${row.metric}: ${actualText(row.actual)} against the ${row.level} budget ${row.expression}`
    if (row.status === 'no-data')
      return `${open}<skipped message="${escapeXml(`no data for ${row.metric}`)}"/></testcase>`
    if (row.status === 'pass') return `${open}</testcase>`
    if (row.level === 'warning' && !result.strict)
      return `${open}<system-out>${escapeXml(`WARN ${detail}`)}</system-out></testcase>`
    return `${open}<failure type="${row.level}" message="${escapeXml(`${row.metric} ${actualText(row.actual)} breaks ${row.expression}`)}">${escapeXml(detail)}</failure></testcase>`
  })
  const failures = result.budgets.filter((r) => r.status === 'fail' && (r.level === 'critical' || result.strict)).length
  const skipped = result.budgets.filter((r) => r.status === 'no-data').length
  const suites = [
    `  <testsuite name="perfscope budgets" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${now.toISOString()}">`,
    ...cases,
    '  </testsuite>',
  ]
  let regressionCases = 0
  if (result.baseline !== null) {
    const regressionLines = result.regressions.map(
      (r) =>
        `    <testcase classname="perfscope.regressions" name="${escapeXml(`${r.metric} ${r.what}`)}"><failure type="regression" message="${escapeXml(`${r.metric} ${r.what}: ${r.baseline} then, ${r.current} now`)}">${escapeXml(`${r.metric} ${r.what} went from ${r.baseline} to ${r.current}`)}</failure></testcase>`,
    )
    if (regressionLines.length === 0)
      regressionLines.push(
        `    <testcase classname="perfscope.regressions" name="${escapeXml(`no regression against ${result.baseline}`)}"></testcase>`,
      )
    regressionCases = regressionLines.length
    suites.push(
      `  <testsuite name="perfscope regressions" tests="${regressionLines.length}" failures="${result.regressions.length}" errors="0" skipped="0" timestamp="${now.toISOString()}">`,
      ...regressionLines,
      '  </testsuite>',
    )
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(`perfscope check ${result.report}`)}" tests="${cases.length + regressionCases}" failures="${failures + result.regressions.length}" errors="0" skipped="${skipped}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n')
}
