/** Milliseconds on the `performance.now()` clock, or `Date.now()` where there is no `performance` (Node < 16). */
export const now: () => number =
  typeof performance !== 'undefined' && typeof performance.now === 'function'
    ? () => performance.now()
    : () => Date.now()
