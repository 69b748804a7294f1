import { readFile } from 'node:fs/promises'
import { BudgetFileError, resolveBudgetFile } from '../budgets/budgetFile.ts'
import { compareReports, evaluateBudgets, type BudgetRow, type Regression } from '../budgets/evaluate.ts'
import type { PerfReport } from '../export/report.ts'
import type { LoadRunResult } from '../load/runTypes.ts'

/** Where the CLI writes; injectable so tests read what a user would see. */
export interface CliIO {
  out: (line: string) => void
  err: (line: string) => void
  readFile: (path: string) => Promise<string>
}

export const nodeIO: CliIO = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readFile: (path) => readFile(path, 'utf8'),
}

const USAGE = `usage: perfscope check <report.json> --budget <perf-budget.json> [--baseline <earlier-report.json>] [--env <environment>] [--strict]

  Reads an exported report (monitor.export('json')) or a load-run result, checks it against the budgets, and
  compares it with a baseline. Exit codes: 0 all good, 1 a critical budget failed or a regression was found
  (--strict: a warning too), 2 bad input.`

class InputError extends Error {}

async function readJson(io: CliIO, path: string, what: string): Promise<unknown> {
  let text: string
  try {
    text = await io.readFile(path)
  } catch (error) {
    throw new InputError(`cannot read ${what} ${path}: ${(error as Error).message}`)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new InputError(`${what} ${path} is not valid JSON: ${(error as Error).message}`)
  }
}

function asReport(value: unknown, path: string): PerfReport | LoadRunResult {
  const v = value as Partial<PerfReport> & Partial<LoadRunResult>
  if (v && v.schema === 'perfscope-report') {
    if (v.version !== 1) throw new InputError(`${path} is a perfscope report of version ${v.version}; this CLI reads version 1`)
    return v as PerfReport
  }
  if (v && typeof v.runId === 'string' && Array.isArray(v.endpoints)) return v as LoadRunResult
  throw new InputError(`${path} is neither a perfscope report (schema "perfscope-report") nor a load-run result`)
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd())
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

/** `perfscope check …`: returns the exit code. */
export async function check(argv: readonly string[], io: CliIO): Promise<number> {
  const args = [...argv]
  const positional: string[] = []
  const flags: Record<string, string | true> = {}
  while (args.length > 0) {
    const a = args.shift()!
    if (a === '--strict') flags.strict = true
    else if (a === '--budget' || a === '--baseline' || a === '--env') {
      const value = args.shift()
      if (value === undefined) {
        io.err(`perfscope check: ${a} needs a value\n\n${USAGE}`)
        return 2
      }
      flags[a.slice(2)] = value
    } else if (a.startsWith('-')) {
      io.err(`perfscope check: unknown option ${a}\n\n${USAGE}`)
      return 2
    } else positional.push(a)
  }
  if (positional.length !== 1 || typeof flags.budget !== 'string') {
    io.err(USAGE)
    return 2
  }
  try {
    const reportPath = positional[0]!
    const report = asReport(await readJson(io, reportPath, 'report'), reportPath)
    const budgets = resolveBudgetFile(await readJson(io, flags.budget, 'budget file'), typeof flags.env === 'string' ? flags.env : undefined)
    const rows = evaluateBudgets(budgets, report)
    io.out(`perfscope check: ${reportPath} against ${flags.budget}${typeof flags.env === 'string' ? ` (${flags.env})` : ''}`)
    io.out('')
    for (const line of table([['metric', 'level', 'budget', 'actual', 'result'], ...rows.map((r) => [r.metric, r.level, r.expression, formatActual(r.actual), statusText(r)])])) io.out(line)
    let regressions: Regression[] = []
    if (typeof flags.baseline === 'string') {
      const baseline = asReport(await readJson(io, flags.baseline, 'baseline'), flags.baseline)
      regressions = compareReports(baseline, report)
      io.out('')
      if (regressions.length === 0) io.out(`No regression against ${flags.baseline}.`)
      else {
        io.out(`Regressions against ${flags.baseline} (p95/p99 or throughput worse by more than 10 %, or a vital's rating dropped):`)
        for (const line of table([['metric', 'what', 'baseline', 'now'], ...regressions.map((r) => [r.metric, r.what, String(r.baseline), String(r.current)])])) io.out(line)
      }
    }
    const critical = rows.filter((r) => r.status === 'fail' && r.level === 'critical').length
    const warnings = rows.filter((r) => r.status === 'fail' && r.level === 'warning').length
    const noData = rows.filter((r) => r.status === 'no-data').length
    io.out('')
    io.out(`${rows.length - critical - warnings - noData} ok, ${warnings} warning, ${critical} critical, ${noData} without data, ${regressions.length} regression`)
    return critical > 0 || regressions.length > 0 || (flags.strict === true && warnings > 0) ? 1 : 0
  } catch (error) {
    if (error instanceof InputError || error instanceof BudgetFileError) {
      io.err(`perfscope check: ${error.message}`)
      return 2
    }
    throw error
  }
}
