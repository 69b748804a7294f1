import type { PerfReport } from '../features/export/report.ts'
import type { DayRecord } from '../features/history/historyStore.ts'
import type { LoadRunResult } from '../features/load/runTypes.ts'

/** What a report is made of: one load run, or one day (an exported report or a stored history day). */
export type ReportSource = { kind: 'run'; run: LoadRunResult } | { kind: 'day'; day: PerfReport | DayRecord }

/** Thrown when a JSON value is neither a load-run result nor a perfscope report of a known version. */
export class ReportInputError extends Error {}

/**
 * Tells what a parsed JSON file holds: a perfscope report (`monitor.export('json')` or a history day, schema
 * `perfscope-report`, version 1) or a load-run result (what the Load tab's export and `exportRun()` write).
 */
export function readReportSource(value: unknown, name = 'input'): ReportSource {
  const v = value as (Partial<PerfReport> & Partial<LoadRunResult>) | null
  if (v && v.schema === 'perfscope-report') {
    if (v.version !== 1)
      throw new ReportInputError(`${name} is a perfscope report of version ${v.version}; this version reads version 1`)
    if (typeof v.vitals !== 'object' || v.vitals === null || !Array.isArray(v.endpoints))
      throw new ReportInputError(`${name} is a perfscope report without vitals or endpoints`)
    return { kind: 'day', day: v as PerfReport }
  }
  if (v && typeof v.runId === 'string' && Array.isArray(v.endpoints)) return { kind: 'run', run: v as LoadRunResult }
  throw new ReportInputError(`${name} is neither a perfscope report (schema "perfscope-report") nor a load-run result`)
}
