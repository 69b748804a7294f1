/** `42.5 ms`, `1.25 s`, or `—` for a missing value. */
export function formatMs(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return '—'
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`
  if (ms >= 100) return `${Math.round(ms)} ms`
  return `${ms.toFixed(ms >= 10 ? 1 : 2)} ms`
}

/** `3.2 %` from a 0..1 ratio. */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio == null || !Number.isFinite(ratio)) return '—'
  return `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)} %`
}

// One formatter per precision: `toLocaleString` with options builds a new one on every call (about 0.2 ms each).
const counters = new Map<number, Intl.NumberFormat>()

/** A count or rate with up to `digits` decimals, grouped (`12,345`). */
export function formatCount(value: number | null | undefined, digits = 0): string {
  if (value == null || !Number.isFinite(value)) return '—'
  let f = counters.get(digits)
  if (!f) counters.set(digits, (f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits })))
  return f.format(value)
}
