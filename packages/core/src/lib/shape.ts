/**
 * Tiny shape checkers for data that arrives from outside the page's own code (another tab's message): each one
 * returns the value rebuilt from the fields it knows, or {@link BAD}. Unknown fields are dropped, strings and
 * arrays are bounded, and numbers must be finite, so what passes can be rendered without a second look.
 */

/** The marker a checker returns for a value of the wrong shape. */
export const BAD: unique symbol = Symbol('bad shape')

/** A checker: the value rebuilt, or {@link BAD}. */
export type Shape<T> = (value: unknown) => T | typeof BAD

export const num: Shape<number> = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : BAD)

export const bool: Shape<boolean> = (v) => (typeof v === 'boolean' ? v : BAD)

/** A string of at most `max` characters. */
export function str(max: number): Shape<string> {
  return (v) => (typeof v === 'string' && v.length <= max ? v : BAD)
}

/** One of a few string values. */
export function oneOf<T extends string>(...values: readonly T[]): Shape<T> {
  return (v) => ((values as readonly unknown[]).includes(v) ? (v as T) : BAD)
}

export function nullable<T>(shape: Shape<T>): Shape<T | null> {
  return (v) => (v === null ? null : shape(v))
}

type Fields<T> = { [K in keyof T]-?: Shape<T[K]> }

/**
 * An object with exactly these fields; a field whose checker accepts `undefined` (see {@link optional}) may be
 * missing, every other one must be there and right.
 */
export function obj<T>(fields: Fields<T>): Shape<T> {
  const entries = Object.entries(fields) as [string, Shape<unknown>][]
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return BAD
    const out: Record<string, unknown> = {}
    for (const [name, shape] of entries) {
      const checked = shape((v as Record<string, unknown>)[name])
      if (checked === BAD) return BAD
      if (checked !== undefined) out[name] = checked
    }
    return out as T
  }
}

/** A field that may be missing (`undefined`). */
export function optional<T>(shape: Shape<T>): Shape<T | undefined> {
  return (v) => (v === undefined ? undefined : shape(v))
}

/** An array of at most `max` items; items of the wrong shape are dropped, not fatal. */
export function arr<T>(item: Shape<T>, max: number): Shape<T[]> {
  return (v) => {
    if (!Array.isArray(v)) return BAD
    const out: T[] = []
    for (let i = 0; i < v.length && out.length < max; i++) {
      const checked = item(v[i])
      if (checked !== BAD) out.push(checked)
    }
    return out
  }
}

/** A plain record of at most `maxKeys` keys (each at most `maxKey` characters); bad values are dropped. */
export function record<T>(value: Shape<T>, maxKeys: number, maxKey = 64): Shape<Record<string, T>> {
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return BAD
    const out: Record<string, T> = {}
    let n = 0
    for (const [k, item] of Object.entries(v)) {
      if (n >= maxKeys) break
      if (k.length > maxKey || k === '__proto__') continue
      const checked = value(item)
      if (checked === BAD) continue
      out[k] = checked
      n++
    }
    return out
  }
}

/** Any JSON scalar (a string bounded by `max`): for free-form attribution fields. */
export function scalar(max: number): Shape<string | number | boolean | null> {
  return (v) => (v === null || typeof v === 'boolean' ? v : typeof v === 'number' ? num(v) : str(max)(v))
}
