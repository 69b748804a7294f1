import { BudgetFileError, resolveBudgetFile } from '../features/budgets/budgetFile.ts'
import { compareReports, evaluateBudgets, type BudgetRow, type Regression } from '../features/budgets/evaluate.ts'
import type { PerfReport } from '../features/export/report.ts'
import type { LoadRunResult } from '../features/load/runTypes.ts'
import { readReportSource, ReportInputError } from '../report/reportInput.ts'
import { InputError, parseArgs, readJson, writeOutput, type CliIO } from './cliIO.ts'
import { checkJunitXml, type CheckResult } from './junit.ts'

export { nodeIO, type CliIO } from './cliIO.ts'

const USAGE = `usage: perfscope check <report.json> --budget <perf-budget.json> [--baseline <earlier-report.json>] [--env <environment>] [--strict]
                       [--junit <out.xml>] [--format text|json]

  Reads an exported report (monitor.export('json')) or a load-run result, checks it against the budgets, and
  compares it with a baseline. --junit also writes JUnit XML (one test case per budget) for CI; --format json
  prints a machine-readable result instead of the table. Exit codes: 0 all good, 1 a critical budget failed or a
  regression was found (--strict: a warning too), 2 bad input.`

function asReport(value: unknown, path: string): PerfReport | LoadRunResult {
  try {
    const source = readReportSource(value, path)
    // A history day is a report without its request log, which budgets and comparisons never read.
    return source.kind === 'run' ? source.run : (source.day as PerfReport)
  } catch (error) {
    if (error instanceof ReportInputError) throw new InputError(error.message)
    throw error
  }
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  )
}

function formatActual(n: number | null): string {
  if (n === null) return '—'
  return Math.abs(n) >= 100 ? n.toFixed(0) : Number(n.toPrecision(3)).toString()
}

function statusText(row: BudgetRow): string {
  if (row.status === 'pass') return 'ok'
  if (row.status === 'no-data') return 'no data'
  return row.level === 'critical' ? 'FAIL (critical)' : 'WARN'
}

function printTable(io: CliIO, result: CheckResult): void {
  const { budgets: rows, regressions, baseline, summary } = result
  io.out(`perfscope check: ${result.report} against ${result.budget}${result.env ? ` (${result.env})` : ''}`)
  io.out('')
  for (const line of table([
    ['metric', 'level', 'budget', 'actual', 'result'],
    ...rows.map((r) => [r.metric, r.level, r.expression, formatActual(r.actual), statusText(r)]),
  ]))
    io.out(line)
  if (baseline !== null) {
    io.out('')
    if (regressions.length === 0) io.out(`No regression against ${baseline}.`)
    else {
      io.out(
        `Regressions against ${baseline} (p95/p99 or throughput worse by more than 10 %, or a vital's rating dropped):`,
      )
      for (const line of table([
        ['metric', 'what', 'baseline', 'now'],
        ...regressions.map((r) => [r.metric, r.what, String(r.baseline), String(r.current)]),
      ]))
        io.out(line)
    }
  }
  io.out('')
  io.out(
    `${summary.ok} ok, ${summary.warning} warning, ${summary.critical} critical, ${summary.noData} without data, ${summary.regressions} regression`,
  )
}

/** `perfscope check …`: returns the exit code. */
export async function check(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(argv, ['--budget', '--baseline', '--env', '--junit', '--format'], ['--strict'])
  if ('error' in parsed) {
    io.err(`perfscope check: ${parsed.error}\n\n${USAGE}`)
    return 2
  }
  const { positional, flags } = parsed
  const format = flags.format ?? 'text'
  if (positional.length !== 1 || typeof flags.budget !== 'string' || (format !== 'text' && format !== 'json')) {
    io.err(format !== 'text' && format !== 'json' ? `perfscope check: --format takes text or json\n\n${USAGE}` : USAGE)
    return 2
  }
  const str = (v: string | true | undefined) => (typeof v === 'string' ? v : null)
  try {
    const reportPath = positional[0]!
    const report = asReport(await readJson(io, reportPath, 'report'), reportPath)
    const budgets = resolveBudgetFile(await readJson(io, flags.budget, 'budget file'), str(flags.env) ?? undefined)
    const rows = evaluateBudgets(budgets, report)
    let regressions: Regression[] = []
    const baselinePath = str(flags.baseline)
    if (baselinePath !== null)
      regressions = compareReports(asReport(await readJson(io, baselinePath, 'baseline'), baselinePath), report)
    const critical = rows.filter((r) => r.status === 'fail' && r.level === 'critical').length
    const warning = rows.filter((r) => r.status === 'fail' && r.level === 'warning').length
    const noData = rows.filter((r) => r.status === 'no-data').length
    const strict = flags.strict === true
    const result: CheckResult = {
      schema: 'perfscope-check',
      version: 1,
      report: reportPath,
      budget: flags.budget,
      env: str(flags.env),
      baseline: baselinePath,
      strict,
      exitCode: critical > 0 || regressions.length > 0 || (strict && warning > 0) ? 1 : 0,
      summary: {
        ok: rows.length - critical - warning - noData,
        warning,
        critical,
        noData,
        regressions: regressions.length,
      },
      budgets: rows,
      regressions,
    }
    const junitPath = str(flags.junit)
    if (junitPath !== null) await writeOutput(io, junitPath, checkJunitXml(result), 'JUnit XML')
    if (format === 'json') io.out(JSON.stringify(result, null, 2))
    else printTable(io, result)
    return result.exitCode
  } catch (error) {
    if (error instanceof InputError || error instanceof BudgetFileError) {
      io.err(`perfscope check: ${error.message}`)
      return 2
    }
    throw error
  }
}
