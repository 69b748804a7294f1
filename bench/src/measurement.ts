import type { BenchBrowser } from './lib/browser.ts'
import type { BenchServer } from './lib/server.ts'
import type { PageBuilds } from './lib/pages.ts'
import type { Summary } from './stats.ts'

/** How a spread is stated: the interquartile range or the full range of the runs. */
export type SpreadKind = 'IQR' | 'min–max'

/** One line of the results table. A row either has a measured `value` or says why it is not available. */
export interface Row {
  /** What was measured, e.g. `fetch, sequential: time per request`. */
  measurement: string
  /** The SDK (or variant) the figure belongs to. */
  sdk: string
  /** The median of the runs, in `unit`; null when not available. */
  value: number | null
  unit: string
  /** How many runs the median is taken over, and what one run is (`5 rounds × 1000 requests`). */
  runs: number
  runsDetail: string
  spread: { kind: SpreadKind; low: number; high: number } | null
  /** `value` divided by the baseline's value measured in the same run, when there is a baseline. */
  ratio: number | null
  /** What `ratio` is taken against, e.g. `native`. */
  ratioTo: string | null
  /** Anything needed to read the figure right (absolute values behind a difference, what was not wrapped…). */
  note: string
  /** Why there is no figure; set only when `value` is null. */
  unavailable: string | null
  /** A markdown block that explains the figure in more depth than a note can (printed under the table). */
  detail?: string
}

/** What a measurement gets from the runner. Browser parts exist only when a measurement asked for them. */
export interface BenchContext {
  /** Smaller counts for a quick look (`--quick`): the figures are real but noisier. */
  quick: boolean
  server: BenchServer
  browser: BenchBrowser
  pages: PageBuilds
  /** Progress on stderr, so stdout stays the table. */
  log(message: string): void
}

/** One self-describing measurement: what it measures, and the code that measures it. */
export interface Measurement {
  /** Short id used by `--only` (e.g. `fetch`). */
  id: string
  title: string
  /** One paragraph: what is measured, how, and how to read it (also printed under the table). */
  description: string
  run(context: BenchContext): Promise<Row[]>
}

/** Thrown when a part the measurement needs is missing; the runner turns it into a "not available" row. */
export class NotAvailable extends Error {
  override name = 'NotAvailable'
}

/** A row with a measured figure: the median of `summary`, its spread, and the ratio to `baseline` if any. */
export function figure(args: {
  measurement: string
  sdk: string
  unit: string
  summary: Summary
  runsDetail: string
  spread?: SpreadKind
  baseline?: { label: string; value: number }
  note?: string
}): Row {
  const { summary } = args
  const kind = args.spread ?? 'IQR'
  return {
    measurement: args.measurement,
    sdk: args.sdk,
    value: summary.median,
    unit: args.unit,
    runs: summary.n,
    runsDetail: args.runsDetail,
    spread:
      kind === 'IQR' ? { kind, low: summary.q1, high: summary.q3 } : { kind, low: summary.min, high: summary.max },
    ratio: args.baseline && args.baseline.value !== 0 ? summary.median / args.baseline.value : null,
    ratioTo: args.baseline ? args.baseline.label : null,
    note: args.note ?? '',
    unavailable: null,
  }
}

/** A row that says honestly why there is no figure. */
export function unavailable(measurement: string, sdk: string, unit: string, reason: string): Row {
  return {
    measurement,
    sdk,
    value: null,
    unit,
    runs: 0,
    runsDetail: '',
    spread: null,
    ratio: null,
    ratioTo: null,
    note: '',
    unavailable: reason,
  }
}

/** The first telling line of an error's message (colours and "Build failed with N error(s):" dropped). */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  // Rolldown colours its diagnostics with ANSI escapes; the table wants the plain text.
  const plain = message
    // eslint-disable-next-line no-control-regex -- the escape character is what an ANSI colour code starts with
    .replace(/\u001b\[[0-9;]*m/g, '')
    .replace(/ \(see exports field in [^)]*\)/g, '')
    .replaceAll(`${process.cwd()}/`, '')
  const lines = plain.split('\n').map((line) => line.trim())
  // A resolver error nests its reason under "Caused by:"; the deepest cause is the one that says what is missing.
  const causedBy = lines.indexOf('Caused by:')
  const backtrace = lines.indexOf('Stack backtrace:')
  const causes = lines.slice(causedBy + 1, backtrace > causedBy ? backtrace : undefined).filter((l) => /^\d+: /.test(l))
  if (causedBy >= 0 && causes.length > 0)
    return causes
      .at(-1)!
      .replace(/^\d+: /, '')
      .slice(0, 300)
  const telling = lines.find((line) => line !== '' && !/^Build failed with \d+ errors?:?$/.test(line))
  return telling?.slice(0, 300) ?? 'unknown error'
}
