import {
  isPlainObject,
  PerfscopeOptionError,
  resolveOriginList,
  checkBoolean,
  checkNumber,
} from '../../kernel/options.ts'

/** Hard caps. The panel can only lower them; the app's code can raise them with `load.limits`. */
export interface LoadLimits {
  /** Simulated users at once. */
  maxUsers: number
  /** Requests started per second. */
  maxRps: number
  /** Length of one run, ms. */
  maxDurationMs: number
  /** Request body size, bytes. */
  maxPayloadBytes: number
  /** Memory the memory-pressure scenario may hold, bytes. */
  maxMemoryBytes: number
  /**
   * Requests of a run in flight at once. Browsers open about six connections per host; keeping the run below
   * that leaves room for the app's own requests (docs/compatibility.md case 38).
   */
  maxConcurrency: number
}

export const DEFAULT_LOAD_LIMITS: LoadLimits = {
  maxUsers: 50,
  maxRps: 200,
  maxDurationMs: 5 * 60_000,
  maxPayloadBytes: 1024 * 1024,
  maxMemoryBytes: 256 * 1024 * 1024,
  maxConcurrency: 4,
}

/** What the app's code allows the load simulator; the panel can never widen these. */
export interface LoadOptions {
  /** Exact origins besides the page's own that runs may target (`https://api.example.test`). */
  allowOrigins?: string[]
  /** Run on a host that does not look like development. Off by default, on purpose. */
  allowNonDevelopmentHost?: boolean
  /** Hard caps; defaults 50 users, 200 requests/s, 5 minutes, 1 MiB payloads, 256 MiB memory, 4 in flight. */
  limits?: Partial<LoadLimits>
}

export interface ResolvedLoadOptions {
  allowOrigins: ReadonlySet<string>
  allowNonDevelopmentHost: boolean
  limits: LoadLimits
}

/** Checks the `load` option; an option of the wrong type is refused with the option's name. */
export function resolveLoadOptions(value: unknown): ResolvedLoadOptions {
  if (value !== undefined && !isPlainObject(value)) throw new PerfscopeOptionError('load', 'must be an object', value)
  const o = value ?? {}
  checkBoolean('load.allowNonDevelopmentHost', o.allowNonDevelopmentHost)
  const allowOrigins = resolveOriginList('load.allowOrigins', o.allowOrigins)
  if (o.limits !== undefined && !isPlainObject(o.limits))
    throw new PerfscopeOptionError('load.limits', 'must be an object', o.limits)
  const limits: LoadLimits = { ...DEFAULT_LOAD_LIMITS }
  for (const [key, v] of Object.entries(o.limits ?? {})) {
    if (!(key in DEFAULT_LOAD_LIMITS)) {
      throw new PerfscopeOptionError(
        `load.limits.${key}`,
        `is not a limit (known: ${Object.keys(DEFAULT_LOAD_LIMITS).join(', ')})`,
        key,
      )
    }
    // A limit set to undefined is left out, as every option is: it keeps its default, never "no limit".
    const limit = key as keyof LoadLimits
    limits[limit] = checkNumber(`load.limits.${key}`, v) ?? DEFAULT_LOAD_LIMITS[limit]
  }
  return { allowOrigins, allowNonDevelopmentHost: o.allowNonDevelopmentHost === true, limits }
}
