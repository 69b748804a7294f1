import { check, nodeIO, type CliIO } from './check.ts'

/** The `perfscope` command: dispatches sub-commands and returns the exit code. */
export async function main(argv: readonly string[], io: CliIO = nodeIO): Promise<number> {
  const [command, ...rest] = argv
  if (command === 'check') return check(rest, io)
  io.err(`usage: perfscope check <report.json> --budget <perf-budget.json> [--baseline <report.json>] [--env <name>] [--strict]${command && command !== '--help' ? `\n\nunknown command "${command}"` : ''}`)
  return command === '--help' ? 0 : 2
}
