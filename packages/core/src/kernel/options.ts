/** Thrown by `createMonitor` for an option of the wrong type or value; names the option and the rule. */
export class PerfscopeOptionError extends TypeError {
  override name = 'PerfscopeOptionError'
  constructor(
    readonly option: string,
    rule: string,
    received: unknown,
  ) {
    super(`perfscope: option "${option}" ${rule}, got ${describe(received)}`)
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Reads an allow-list of origins (`["https://api.example.test"]`), normalised with `new URL(…).origin` so that
 * later checks compare parsed origins exactly, never substrings (docs/compatibility.md cases 24 and 37).
 */
export function resolveOriginList(option: string, value: unknown): Set<string> {
  if (value !== undefined && !Array.isArray(value))
    throw new PerfscopeOptionError(option, 'must be an array of origins', value)
  const origins = new Set<string>()
  for (const [i, origin] of (value ?? []).entries()) {
    let parsed: URL | null = null
    try {
      parsed = typeof origin === 'string' ? new URL(origin) : null
    } catch {
      parsed = null
    }
    if (!parsed || parsed.origin === 'null') {
      throw new PerfscopeOptionError(
        `${option}[${i}]`,
        'must be an absolute origin such as "https://api.example.com"',
        origin,
      )
    }
    origins.add(parsed.origin)
  }
  return origins
}

/** Throws a {@link PerfscopeOptionError} unless `value` is a boolean (or left out, unless `required`). */
export function checkBoolean(option: string, value: unknown, required: true): asserts value is boolean
export function checkBoolean(option: string, value: unknown): asserts value is boolean | undefined
export function checkBoolean(option: string, value: unknown, required = false): void {
  if ((required || value !== undefined) && typeof value !== 'boolean')
    throw new PerfscopeOptionError(option, 'must be a boolean', value)
}

/** Returns `value` if it is left out or a finite number > 0 (≥ 0 when not `positive`); throws otherwise. */
export function checkNumber(option: string, value: unknown, positive = true): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (positive && value === 0))
    throw new PerfscopeOptionError(option, positive ? 'must be a positive number' : 'must be a number ≥ 0', value)
  return value
}
