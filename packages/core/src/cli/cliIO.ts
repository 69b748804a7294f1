import { readFile, writeFile } from 'node:fs/promises'

/** Where the CLI reads and writes; injectable so tests see what a user would see. */
export interface CliIO {
  out: (line: string) => void
  err: (line: string) => void
  readFile: (path: string) => Promise<string>
  writeFile: (path: string, text: string) => Promise<void>
}

export const nodeIO: CliIO = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readFile: (path) => readFile(path, 'utf8'),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
}

/** A problem with the command's input (exit code 2, message on stderr). */
export class InputError extends Error {}

/** Reads and parses a JSON file, naming `what` it is in the error. */
export async function readJson(io: CliIO, path: string, what: string): Promise<unknown> {
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

/** Writes a file, turning a failure into an input error that names the path. */
export async function writeOutput(io: CliIO, path: string, text: string, what: string): Promise<void> {
  try {
    await io.writeFile(path, text)
  } catch (error) {
    throw new InputError(`cannot write ${what} ${path}: ${(error as Error).message}`)
  }
}

/**
 * Splits arguments into positionals and flags: `valueFlags` take the next argument, `booleanFlags` stand alone.
 * Returns an error message for an unknown option or a missing value.
 */
export function parseArgs(
  argv: readonly string[],
  valueFlags: readonly string[],
  booleanFlags: readonly string[],
): { positional: string[]; flags: Record<string, string | true> } | { error: string } {
  const args = [...argv]
  const positional: string[] = []
  const flags: Record<string, string | true> = {}
  while (args.length > 0) {
    const a = args.shift()!
    if (booleanFlags.includes(a)) flags[a.replace(/^-+/, '')] = true
    else if (valueFlags.includes(a)) {
      const value = args.shift()
      if (value === undefined) return { error: `${a} needs a value` }
      flags[a.replace(/^-+/, '')] = value
    } else if (a.startsWith('-')) return { error: `unknown option ${a}` }
    else positional.push(a)
  }
  return { positional, flags }
}
