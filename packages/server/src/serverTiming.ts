/** One request's spans: what becomes its `Server-Timing` header. Durations in ms. */
export class RequestTiming {
  readonly startedAt = performance.now()
  private readonly spans = new Map<string, { dur: number; count: number; desc?: string }>()
  /** Individual database query durations, for the `db_query_duration_ms` histogram. */
  readonly dbQueries: Array<{ name: string; dur: number }> = []

  /** Adds `dur` ms to the span `name` (a token: letters, digits, `_`, `-`, `.`). */
  add(name: string, dur: number, desc?: string): void {
    const key = toToken(name)
    const span = this.spans.get(key)
    if (span) {
      span.dur += dur
      span.count++
    } else {
      this.spans.set(key, desc === undefined ? { dur, count: 1 } : { dur, count: 1, desc })
    }
  }

  /** Starts a span; call the returned function when it ends. Ending twice counts once. */
  start(name: string): () => void {
    const t0 = performance.now()
    let ended = false
    return () => {
      if (ended) return
      ended = true
      this.add(name, performance.now() - t0)
    }
  }

  /** Time since the request started. */
  elapsed(): number {
    return performance.now() - this.startedAt
  }

  /** The `Server-Timing` value: `total;dur=…` first, then every span (`db;dur=…;desc="3 queries"`). */
  header(): string {
    const parts = [`total;dur=${round(this.elapsed())}`]
    for (const [name, span] of this.spans) {
      const desc = span.desc ?? (span.count > 1 ? `${span.count} calls` : undefined)
      parts.push(
        desc === undefined ? `${name};dur=${round(span.dur)}` : `${name};dur=${round(span.dur)};desc="${quote(desc)}"`,
      )
    }
    return parts.join(', ')
  }
}

interface ContextStore<T> {
  run<R>(store: T, fn: () => R): R
  getStore(): T | undefined
}
type ContextStoreClass = new <T>() => ContextStore<T>

/**
 * `AsyncLocalStorage` where the runtime has one, found without importing `node:*` (so bundlers for edge
 * runtimes see no Node built-in): a global (Vercel's edge runtime, Cloudflare Workers with `nodejs_als`), else
 * `process.getBuiltinModule` (Node 20.16+, Bun, Deno). Without it, spans recorded from inside the handler are
 * not attributed to a request and do nothing; the request's total time is still measured.
 */
function findAsyncLocalStorage(): ContextStoreClass | null {
  const g = globalThis as {
    AsyncLocalStorage?: ContextStoreClass
    process?: { getBuiltinModule?: (id: string) => { AsyncLocalStorage?: ContextStoreClass } | undefined }
  }
  if (typeof g.AsyncLocalStorage === 'function') return g.AsyncLocalStorage
  try {
    return g.process?.getBuiltinModule?.('node:async_hooks')?.AsyncLocalStorage ?? null
  } catch {
    return null
  }
}

const ContextStorage = findAsyncLocalStorage()
const storage = ContextStorage ? new ContextStorage<RequestTiming>() : null

/** True when spans from inside a handler reach their request (the runtime has `AsyncLocalStorage`). */
export const requestScopedTiming = storage !== null

/** Runs `fn` with `timing` as the current request's timing (used by the middleware and the fetch wrapper). */
export function runWithTiming<T>(timing: RequestTiming, fn: () => T): T {
  return storage ? storage.run(timing, fn) : fn()
}

/** The timing of the request being handled, or undefined outside one. */
export function currentTiming(): RequestTiming | undefined {
  return storage?.getStore()
}

/**
 * Spans for the request being handled, from anywhere in its async call tree:
 * `const end = timing.start('cache'); …; end()`. Outside a request these do nothing.
 */
export const timing = {
  start(name: string): () => void {
    return currentTiming()?.start(name) ?? (() => {})
  },
  add(name: string, dur: number, desc?: string): void {
    currentTiming()?.add(name, dur, desc)
  },
}

/**
 * Times one database query (sync or async) as part of the `db` span and the `db_query_duration_ms` histogram.
 * Returns what `fn` returns; a rejection or exception passes through unchanged.
 */
export function trackDbQuery<T>(name: string, fn: () => T): T {
  const current = currentTiming()
  if (!current) return fn()
  const t0 = performance.now()
  const done = () => {
    const dur = performance.now() - t0
    current.add('db', dur)
    current.dbQueries.push({ name, dur })
  }
  let result: T
  try {
    result = fn()
  } catch (error) {
    done()
    throw error
  }
  if (result instanceof Promise) return result.finally(done) as T
  done()
  return result
}

function round(ms: number): string {
  return (Math.round(ms * 100) / 100).toString()
}

function toToken(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '_') || 'span'
}

function quote(text: string): string {
  return text.replace(/["\\\r\n]/g, '')
}
