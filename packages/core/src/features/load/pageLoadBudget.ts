/**
 * The load simulator's budget for the whole page: requests in flight and request starts, counted across every
 * monitor on the page (and every copy of perfscope bundled into it), so two monitors cannot double the caps.
 * Users busy and memory held by memory pressure are counted the same way.
 * Kept on `globalThis` under a registry symbol, created on the first run (never at import).
 */
export interface PageLoadBudget {
  /** Load requests in flight on the page, all runs together. */
  inFlight: number
  /** `performance.now()` of the latest request start granted on the page. */
  lastStartAt: number
  /** Simulated users running an iteration on the page, all runs together. */
  activeUsers: number
  /** Bytes memory pressure holds on the page, all runs together. */
  memoryHeld: number
  /** Wakes waiting for an in-flight slot; all are woken on each release and re-check. */
  readonly waiters: Set<() => void>
}

const KEY = Symbol.for('perfscope.load.pageBudget')

/** The page's budget, shared by every monitor on it. */
export function pageLoadBudget(): PageLoadBudget {
  const holder = globalThis as unknown as Record<symbol, PageLoadBudget | undefined>
  return (holder[KEY] ??= { inFlight: 0, lastStartAt: -Infinity, activeUsers: 0, memoryHeld: 0, waiters: new Set() })
}
