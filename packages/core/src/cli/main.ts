import { check } from './check.ts'
import { nodeIO, type CliIO } from './cliIO.ts'
import { report } from './report.ts'

const USAGE = `usage: perfscope check <report.json> --budget <perf-budget.json> [--baseline <report.json>] [--env <name>] [--strict] [--junit <out.xml>] [--format text|json]
       perfscope report <input.json> [--out <report.html>]`

/** The `perfscope` command: dispatches sub-commands and returns the exit code. */
export async function main(argv: readonly string[], io: CliIO = nodeIO): Promise<number> {
  const [command, ...rest] = argv
  if (command === 'check') return check(rest, io)
  if (command === 'report') return report(rest, io)
  io.err(`${USAGE}${command && command !== '--help' ? `\n\nunknown command "${command}"` : ''}`)
  return command === '--help' ? 0 : 2
}
