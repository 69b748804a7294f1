import { isBoolean, isPositive, objectOf, originList } from '../../kernel/optionRules.ts'

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

const loadRules = objectOf({
  allowOrigins: originList,
  allowNonDevelopmentHost: isBoolean,
  // A limit left out (or set to undefined) keeps its default, never "no limit".
  limits: objectOf(
    {
      maxUsers: isPositive,
      maxRps: isPositive,
      maxDurationMs: isPositive,
      maxPayloadBytes: isPositive,
      maxMemoryBytes: isPositive,
      maxConcurrency: isPositive,
    },
    'a limit',
  ),
})

/** Checks the `load` option; an option of the wrong type or an unknown one is refused with the option's name. */
export function resolveLoadOptions(value: unknown): ResolvedLoadOptions {
  const o = loadRules(value, 'load')
  const limits: LoadLimits = { ...DEFAULT_LOAD_LIMITS }
  for (const key of Object.keys(limits) as Array<keyof LoadLimits>) limits[key] = o.limits[key] ?? limits[key]
  return { allowOrigins: o.allowOrigins, allowNonDevelopmentHost: o.allowNonDevelopmentHost === true, limits }
}
