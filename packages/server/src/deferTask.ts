/**
 * Runs `fn` on a later event-loop turn, after the I/O that is ready now: `setImmediate` on Node, a zero-delay
 * timeout on runtimes without it (edge workers, Deno), so the module needs nothing from `node:*`.
 */
export function deferTask(fn: () => void): void {
  if (typeof setImmediate === 'function') setImmediate(fn)
  else setTimeout(fn, 0)
}
