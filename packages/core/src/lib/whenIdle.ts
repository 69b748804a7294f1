/**
 * Runs `fn` once when the page is idle (`requestIdleCallback`, with a timeout so it still runs on a busy page),
 * or after the current task where idle callbacks do not exist (Safari). Returns a cancel function.
 * One-shot by design: callers schedule again only when new work arrives, never in a loop.
 */
export function whenIdle(fn: () => void, timeoutMs = 1000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => fn(), { timeout: timeoutMs })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(fn, 0)
  return () => clearTimeout(id)
}
