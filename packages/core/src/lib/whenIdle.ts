/** How long an idle callback may wait on a busy page before it runs anyway. */
const IDLE_TIMEOUT_MS = 1000

interface Waiting {
  run: () => void
}

/** The callbacks waiting for the idle moment already asked for; null when none is asked for. */
let waiting: Set<Waiting> | null = null
let cancelRequest: (() => void) | null = null

/**
 * Runs `fn` once when the page is idle (`requestIdleCallback`, with a timeout so it still runs on a busy page),
 * or after the current task where idle callbacks do not exist (Safari). Returns a cancel function.
 * One-shot by design: callers schedule again only when new work arrives, never in a loop.
 *
 * Every callback asked for before that moment shares one browser callback: a monitor starts about fifteen lazy
 * sources at once (each registration cost the page's start-up about 0.1 ms), and a network publish asks for the
 * budgets, the transport and history together, each of which woke the page once more with a callback of its own.
 */
export function whenIdle(fn: () => void): () => void {
  let batch = waiting
  if (batch === null) {
    const requested = (batch = waiting = new Set())
    cancelRequest = request(() => {
      if (waiting === requested) waiting = cancelRequest = null
      for (const entry of requested) {
        try {
          entry.run()
        } catch (error) {
          // As a callback of its own would: the error surfaces, and the callbacks after it still run.
          queueMicrotask(() => {
            throw error
          })
        }
      }
    })
  }
  const entry: Waiting = { run: fn }
  batch.add(entry)
  const mine = batch
  return () => {
    mine.delete(entry)
    if (mine.size === 0 && waiting === mine) {
      cancelRequest?.()
      waiting = cancelRequest = null
    }
  }
}

function request(fn: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: IDLE_TIMEOUT_MS })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(fn, 0)
  return () => clearTimeout(id)
}
