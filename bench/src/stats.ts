/** Order statistics the bench reports. Every figure is a median with its spread, never a single run. */

/** A summary of repeated measurements of one figure. */
export interface Summary {
  /** How many values were summarised. */
  n: number
  median: number
  /** First and third quartiles (linear interpolation between closest ranks). */
  q1: number
  q3: number
  min: number
  max: number
}

/**
 * The value at quantile `q` (0..1) of `values`, interpolating linearly between the two closest ranks
 * (the R-7 / NumPy default, so figures match what a spreadsheet says). Throws on an empty list.
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  return quantileOfSorted(sorted(values), q)
}

/** The median of `values`. Throws on an empty list. */
export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5)
}

/** The interquartile range `[q1, q3]` of `values`. Throws on an empty list. */
export function iqr(values: ArrayLike<number>): [number, number] {
  const s = sorted(values)
  return [quantileOfSorted(s, 0.25), quantileOfSorted(s, 0.75)]
}

/** Median, quartiles and extremes of `values`. Throws on an empty list. */
export function summarize(values: ArrayLike<number>): Summary {
  const s = sorted(values)
  return {
    n: s.length,
    median: quantileOfSorted(s, 0.5),
    q1: quantileOfSorted(s, 0.25),
    q3: quantileOfSorted(s, 0.75),
    min: s[0]!,
    max: s[s.length - 1]!,
  }
}

function sorted(values: ArrayLike<number>): Float64Array {
  const s = Float64Array.from(values)
  if (s.length === 0) throw new RangeError('no values to summarise')
  for (const v of s) if (Number.isNaN(v)) throw new RangeError('cannot summarise NaN')
  return s.sort()
}

function quantileOfSorted(s: Float64Array, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile ${q} is outside 0..1`)
  const pos = (s.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.min(lo + 1, s.length - 1)
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo)
}

/** Least-squares slope of `ys` over `xs`. */
export function slope(xs: number[], ys: number[]): number {
  const n = xs.length
  const mx = xs.reduce((a, b) => a + b, 0) / n
  const my = ys.reduce((a, b) => a + b, 0) / n
  let num = 0
  let den = 0
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my)
    den += (xs[i]! - mx) ** 2
  }
  return den === 0 ? 0 : num / den
}

/** Least-squares slope of the points whose x is `from` or more; null with fewer than two of them. */
export function slopeFrom(xs: number[], ys: number[], from: number): number | null {
  const late = xs.flatMap((x, i) => (x >= from ? [i] : []))
  if (late.length < 2) return null
  return slope(
    late.map((i) => xs[i]!),
    late.map((i) => ys[i]!),
  )
}
