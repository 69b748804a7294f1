import { now } from '../lib/now.ts'
import type { MonitorError } from '../types.ts'

/** How many recent errors the snapshot keeps; older ones are only counted. */
export const RECENT_ERRORS_KEPT = 20

const NO_ARGS: [] = []

/**
 * Catches every exception thrown inside perfscope's own callbacks and measures their self-time, so perfscope
 * never breaks the app and can say what it costs. Nested guarded calls are timed once, by the outermost.
 */
export class Guard {
  totalMs = 0
  calls = 0
  readonly bySource: Record<string, number> = {}
  errorCount = 0
  readonly recentErrors: MonitorError[] = []
  /** Bumped on every change, so a publisher can tell whether there is anything new. */
  version = 0
  private depth = 0

  constructor(private readonly onChange: () => void = () => {}) {}

  /** Runs `fn` as perfscope code: timed, and any exception caught and counted. Returns `fallback` on error. */
  run<T>(source: string, fn: () => T, fallback?: T): T {
    return this.call(source, fn, NO_ARGS, fallback as T)
  }

  /**
   * Wraps a callback (observer, listener) so each call is guarded as {@link run} guards it, without allocating a
   * closure per call: observers call it once per entry batch, on pages that poll many times a second.
   */
  wrap<A extends unknown[]>(source: string, fn: (...args: A) => void): (...args: A) => void {
    return (...args: A) => this.call(source, fn, args, undefined)
  }

  private call<A extends unknown[], T>(source: string, fn: (...args: A) => T, args: A, fallback: T): T {
    const outer = this.depth === 0
    const t0 = outer ? now() : 0
    this.depth++
    try {
      return fn(...args)
    } catch (error) {
      this.report(source, error)
      return fallback
    } finally {
      this.depth--
      if (outer) this.account(source, now() - t0)
    }
  }

  /** Adds time measured elsewhere (e.g. inside an interceptor around the app's own call) to the overhead. */
  account(source: string, ms: number): void {
    this.totalMs += ms
    this.calls++
    this.bySource[source] = (this.bySource[source] ?? 0) + ms
    this.version++
  }

  /** Counts an error caught inside perfscope and keeps its message for the overlay. Never throws. */
  report(source: string, error: unknown): void {
    this.errorCount++
    let message: string
    try {
      message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    } catch {
      message = 'unprintable error'
    }
    this.recentErrors.push({ source, message, at: now() })
    if (this.recentErrors.length > RECENT_ERRORS_KEPT) this.recentErrors.shift()
    this.version++
    try {
      this.onChange()
    } catch {
      // A failing publisher must not turn one caught error into an uncaught one.
    }
  }
}
