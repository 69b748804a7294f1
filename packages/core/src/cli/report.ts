import { readReportSource, ReportInputError } from '../report/reportInput.ts'
import { renderHtmlReport } from '../report/htmlReport.ts'
import { InputError, parseArgs, readJson, writeOutput, type CliIO } from './cliIO.ts'

const USAGE = `usage: perfscope report <input.json> [--out <report.html>]

  Writes one self-contained HTML file (charts inline, no script, no request; opens offline) for a load run
  (the Load tab's JSON export) or a day (monitor.export('json') or a history day). Without --out it writes
  <input>.html beside the input. Exit codes: 0 written, 2 bad input.`

/** `perfscope report …`: returns the exit code. */
export async function report(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(argv, ['--out', '-o'], [])
  if ('error' in parsed) {
    io.err(`perfscope report: ${parsed.error}\n\n${USAGE}`)
    return 2
  }
  const { positional, flags } = parsed
  if (positional.length !== 1) {
    io.err(USAGE)
    return 2
  }
  const input = positional[0]!
  const out =
    typeof flags.out === 'string'
      ? flags.out
      : typeof flags.o === 'string'
        ? flags.o
        : `${input.replace(/\.json$/i, '')}.html`
  try {
    const source = readReportSource(await readJson(io, input, 'input'), input)
    await writeOutput(io, out, renderHtmlReport(source), 'report')
    io.out(`perfscope report: wrote ${out} (${source.kind === 'run' ? 'load run' : 'day'})`)
    return 0
  } catch (error) {
    if (error instanceof InputError || error instanceof ReportInputError) {
      io.err(`perfscope report: ${error.message}`)
      return 2
    }
    throw error
  }
}
