import type { HeldRequest, OutgoingRequest, RequestFault } from '../../kernel/requestHooks.ts'

/** What a {@link NetworkFault} does to each app request. */
export interface NetworkFaultOptions {
  /** Added before the request is sent, ms. */
  latencyMs: number
  /** The delay varies uniformly by ± this much (never below 0), ms. */
  jitterMs: number
  /** Share of requests (0..1) that fail as a network error instead of being sent. */
  failureRate: number
  /** Source of randomness in [0, 1): one draw for failure, one for jitter, per request. */
  random: () => number
}

/**
 * Slow, flaky network for the app's own fetch and XHR calls, installed on `RequestHooks` by a load run:
 * - each call waits `latencyMs ± jitterMs` on a timer this object owns, then goes to the native fetch unchanged;
 * - a `failureRate` share is never sent and rejects with `TypeError('Failed to fetch')`, what Chromium's fetch
 *   rejects with when the network fails, so the app's error paths (and `is-network-error`-style checks) run as
 *   they would for real. A 503 was not chosen: it says the server answered, which is a different failure;
 * - an abort of the app's signal during the wait sends at once, so native fetch answers the abort itself;
 * - {@link release} sends every waiting call at once: nothing the app asked for is lost on a stop.
 */
export class NetworkFault implements RequestFault {
  /** App requests given a delay. */
  delayed = 0
  /** App requests failed without being sent. */
  failed = 0
  private readonly waiting = new Map<ReturnType<typeof setTimeout>, () => void>()
  private released = false

  constructor(private readonly options: NetworkFaultOptions) {}

  hold(_request: OutgoingRequest, proceed: (fail: boolean) => void): HeldRequest {
    if (this.released) {
      proceed(false)
      return { now: () => {}, drop: () => {} }
    }
    const { latencyMs, jitterMs, failureRate, random } = this.options
    const failing = failureRate > 0 && random() < failureRate
    const delayMs = Math.max(0, latencyMs + (jitterMs > 0 ? (random() * 2 - 1) * jitterMs : 0))
    if (delayMs > 0) this.delayed++
    let settled = false
    const settle = (send: boolean, failNow: boolean) => {
      if (settled) return
      settled = true
      clearTimeout(id)
      this.waiting.delete(id)
      if (!send) return
      if (failNow) this.failed++
      proceed(failNow)
    }
    const id = setTimeout(() => settle(true, failing), delayMs)
    this.waiting.set(id, () => settle(true, false))
    return { now: () => settle(true, false), drop: () => settle(false, false) }
  }

  fetch(
    request: OutgoingRequest,
    signal: AbortSignal | null | undefined,
    send: () => Promise<Response>,
    fail: (error: unknown) => Promise<never>,
  ): Promise<Response> {
    if (this.released || signal?.aborted) return send()
    return new Promise<Response>((resolve, reject) => {
      const held = this.hold(request, (failNow) => {
        signal?.removeEventListener('abort', onAbort)
        try {
          resolve(failNow ? fail(new TypeError('Failed to fetch')) : send())
        } catch (error) {
          // A synchronous throw of the native call ("Illegal invocation") becomes the rejection.
          reject(error)
        }
      })
      const onAbort = () => held.now()
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  /** App calls still waiting for their delay. */
  get pending(): number {
    return this.waiting.size
  }

  /** Ends the fault: every waiting call is sent now, and calls from now on pass straight through. */
  release(): void {
    this.released = true
    for (const proceed of [...this.waiting.values()]) proceed()
  }
}
