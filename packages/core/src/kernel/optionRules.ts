import { isPlainObject, PerfscopeOptionError } from './options.ts'

/**
 * Option checks as data. A rule reads one option's value (undefined when left out) and returns what the monitor
 * keeps of it, or throws a {@link PerfscopeOptionError} that names the option; objects and lists of rules check
 * nested options with the full path in the error (`network.budgets[0].p95Ms`). Every feature states its options
 * as rules built from these few, which keeps the checks alike and the eager code small: they run in
 * `createMonitor`, so a wrong option throws where the app gives it.
 */
export type Rule<T> = (value: unknown, option: string) => T

/** A value that `ok` accepts, or left out; `rule` says what the option must be ("must be a boolean"). */
export const when =
  <T>(ok: (value: unknown) => boolean, rule: string): Rule<T | undefined> =>
  (value, option) => {
    if (value !== undefined && !ok(value)) throw new PerfscopeOptionError(option, rule, value)
    return value as T | undefined
  }

/** The option must be given, and pass `check`. */
export const required =
  <T>(check: Rule<T | undefined>): Rule<T> =>
  (value, option) => {
    if (value === undefined) throw new PerfscopeOptionError(option, 'is required', value)
    return check(value, option) as T
  }

/** Left out stays left out; given, it must pass `check` (an object whose own keys are required, say). */
export const optional =
  <T>(check: Rule<T>): Rule<T | undefined> =>
  (value, option) =>
    value === undefined ? undefined : check(value, option)

export const isBoolean = when<boolean>((v) => typeof v === 'boolean', 'must be a boolean')
/** A boolean that must be given: the argument of a setter such as `setIncludeInternal(enabled)`. */
export const mustBeBoolean = required(isBoolean)
export const isString = when<string>((v) => typeof v === 'string', 'must be a string')
export const isPositive = when<number>(
  (v) => typeof v === 'number' && Number.isFinite(v) && v > 0,
  'must be a positive number',
)
export const isNonNegative = when<number>(
  (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  'must be a number ≥ 0',
)

/** Whole numbers from 1 to `max`. */
export const wholeUpTo = (max: number) =>
  when<number>(
    (v) => typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= max,
    `must be a whole number from 1 to ${max}`,
  )

/**
 * An allow-list of origins (`["https://api.example.test"]`), normalised with `new URL(…).origin` so that later
 * checks compare parsed origins exactly, never substrings (docs/compatibility.md cases 24 and 37).
 */
export const originList: Rule<Set<string>> = (value, option) => {
  if (value !== undefined && !Array.isArray(value))
    throw new PerfscopeOptionError(option, 'must be an array of origins', value)
  const origins = new Set<string>()
  for (const [i, origin] of ((value ?? []) as unknown[]).entries()) {
    let parsed: URL | null = null
    try {
      parsed = typeof origin === 'string' ? new URL(origin) : null
    } catch {
      parsed = null
    }
    if (!parsed || parsed.origin === 'null')
      throw new PerfscopeOptionError(
        `${option}[${i}]`,
        'must be an absolute origin such as "https://api.example.com"',
        origin,
      )
    origins.add(parsed.origin)
  }
  return origins
}

/** A list (left out: empty), each item checked by `item`, copied: page code that changes it later changes nothing. */
export const listOf =
  <T>(item: Rule<T>, items: string): Rule<T[]> =>
  (value, option) => {
    if (value !== undefined && !Array.isArray(value))
      throw new PerfscopeOptionError(option, `must be an array of ${items}`, value)
    // Array.from visits holes too: `[a, , b]` has its hole checked (and refused), where map() would skip it.
    return Array.from((value ?? []) as unknown[], (v, i) => item(v, `${option}[${i}]`))
  }

type Checked<R> = { [K in keyof R]: R[K] extends Rule<infer T> ? T : never }

/**
 * An object whose keys are the rules' (left out: every key left out); an unknown key is refused, so a misspelt
 * option is an error rather than a silent default (`kind` names what its keys are). Returns a copy holding each
 * rule's result: page code that changes the app's object later changes nothing.
 */
export const objectOf =
  <R extends Record<string, Rule<unknown>>>(rules: R, kind = 'an option'): Rule<Checked<R>> =>
  (value, option) => {
    if (value !== undefined && !isPlainObject(value)) throw new PerfscopeOptionError(option, 'must be an object', value)
    const given = (value ?? {}) as Record<string, unknown>
    // Own keys on both sides: `constructor` or `toString` is no option just because every object inherits one.
    for (const key of Object.keys(given))
      if (!Object.hasOwn(rules, key))
        throw new PerfscopeOptionError(
          `${option}.${key}`,
          `is not ${kind} (known: ${Object.keys(rules).join(', ')})`,
          key,
        )
    const checked: Record<string, unknown> = {}
    for (const key in rules) checked[key] = rules[key]!(given[key], `${option}.${key}`)
    return checked as Checked<R>
  }
