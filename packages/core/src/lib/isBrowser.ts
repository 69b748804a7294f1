/**
 * The one place that decides whether perfscope runs: a real window with `performance.now()`.
 * On the server (SSR) or in a worker without a document, every monitor is a harmless no-op.
 */
export function isBrowser(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof document !== 'undefined' &&
    typeof performance !== 'undefined' &&
    typeof performance.now === 'function'
  )
}
