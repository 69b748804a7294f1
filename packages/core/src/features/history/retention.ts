/** Request detail is kept 30 days, daily summaries 6 months. */
export const DETAIL_RETENTION_DAYS = 30
export const SUMMARY_RETENTION_DAYS = 183
const DAY_MS = 86_400_000

/** `YYYY-MM-DD` of an epoch-ms time, in UTC (one day boundary for every visitor of a team). */
export function dayOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10)
}

/** The keys to delete at time `now`: `day:` and `run:` past summary retention, `detail:` past detail retention. */
export function expiredKeys(keys: readonly string[], now: number): string[] {
  const oldestDay = dayOf(now - (SUMMARY_RETENTION_DAYS - 1) * DAY_MS)
  const oldestDetail = dayOf(now - (DETAIL_RETENTION_DAYS - 1) * DAY_MS)
  return keys.filter((key) => {
    const match = /^(day|detail|run):(\d{4}-\d{2}-\d{2})(?::|$)/.exec(key)
    if (!match) return false
    return match[1] === 'detail' ? match[2]! < oldestDetail : match[2]! < oldestDay
  })
}
