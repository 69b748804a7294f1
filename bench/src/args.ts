/** Options of `npm run bench`. */
export interface BenchArgs {
  /** Measurement ids to run (`--only fetch,heap`); null runs every measurement. */
  only: string[] | null
  /** Smaller counts (`--quick`) for a fast look and the smoke test. */
  quick: boolean
  /** Print the measurement ids and exit (`--list`). */
  list: boolean
}

/** Reads `--only a,b` (or `--only=a,b`, repeatable), `--quick` and `--list`; throws on anything else. */
export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { only: null, quick: false, list: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--quick') args.quick = true
    else if (arg === '--list') args.list = true
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length)
      if (!value) throw new Error('--only needs measurement ids, e.g. --only fetch,bundle')
      args.only = [
        ...(args.only ?? []),
        ...value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ]
    } else throw new Error(`unknown option ${arg} (known: --only <ids>, --quick, --list)`)
  }
  return args
}
