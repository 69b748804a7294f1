/** Latest epoch ms a `Date` can hold (±100,000,000 days around 1970). */
const MAX_EPOCH_MS = 8.64e15

/**
 * Reads the metrics endpoint's `?since=`: a `YYYY-MM-DD` date or epoch milliseconds. Returns `undefined` when
 * absent and `null` for anything else (a malformed or out-of-range value, answered with 400), so no value a
 * client sends can make the store throw.
 */
export function parseSince(value: string | null): string | number | undefined | null {
  if (value === null) return undefined
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (date) {
    const [, y, m, d] = date.map(Number) as [number, number, number, number]
    const parsed = new Date(Date.UTC(y, m - 1, d))
    return parsed.getUTCFullYear() === y && parsed.getUTCMonth() === m - 1 && parsed.getUTCDate() === d ? value : null
  }
  if (!/^\d{1,16}$/.test(value)) return null
  const ms = Number(value)
  return ms <= MAX_EPOCH_MS ? ms : null
}
