import { LoadScenarioError } from './errors.ts'
import { pageLoadBudget, type PageLoadBudget } from './pageLoadBudget.ts'
import { checkTarget, type SafetyContext } from './safety.ts'
import type { LoadLimits } from './loadOptions.ts'

/** Requests of one run that may wait for a slot at once; more means a scenario firing without bound. */
export const MAX_WAITING_REQUESTS = 1000

/** What the gate lets out: the checked URL and the init the run sends (never the caller's own object). */
export interface GatedRequest {
  url: URL
  init: RequestInit
}

/**
 * The one gate every request of a load run passes, whoever makes it (a preset, a scenario's `requests`, or a
 * user function through `vu.fetch`): the target must be the page's origin or listed exactly, the body must be of
 * a known size under `maxPayloadBytes`, and the request waits for a free in-flight slot (`maxConcurrency`) and
 * for its turn under `maxRps`, both counted for the whole page. Redirects are never followed: a redirect may
 * lead to any origin, so the run sees it as an answer and reports it.
 */
export class RequestGate {
  private readonly page: PageLoadBudget = pageLoadBudget()
  private waiting = 0

  constructor(
    private readonly limits: LoadLimits,
    private readonly safety: SafetyContext,
    /** The run's tracked sleep: a stop wakes it, and clears its timer. */
    private readonly sleep: (ms: number) => Promise<void>,
    /** False once the run stops or ends: nothing waiting may go out then. */
    private readonly open: () => boolean,
  ) {}

  /** Checks a request before anything is sent; throws a {@link LoadScenarioError} naming what is wrong. */
  check(input: unknown, init: RequestInit = {}): GatedRequest {
    if (typeof input !== 'string' && !(input instanceof URL)) {
      throw new LoadScenarioError(
        'vu.fetch',
        'takes a URL string (a Request object would bring its own body and options past the limits)',
      )
    }
    const url = checkTarget('request', String(input), this.safety)
    const size = bodySize(init.body)
    if (size === null)
      throw new LoadScenarioError(
        'request body',
        'must be a string, Blob, ArrayBuffer, typed array, URLSearchParams or FormData (a stream has no size to check)',
      )
    if (size > this.limits.maxPayloadBytes) {
      throw new LoadScenarioError('request body', `is ${size} bytes, over the ${this.limits.maxPayloadBytes}-byte cap`)
    }
    // The run's own signal, no keepalive (it would outlive a stop), and no redirect followed.
    const { signal: _signal, keepalive: _keepalive, redirect: _redirect, window: _window, ...rest } = init
    return { url, init: { ...rest, redirect: 'manual' } }
  }

  /**
   * Waits for an in-flight slot and a start under the rate cap, both page-wide. Resolves with the release to
   * call when the request ends, or null when the run stopped meanwhile (nothing may be sent then).
   */
  async acquire(): Promise<(() => void) | null> {
    if (this.waiting >= MAX_WAITING_REQUESTS) {
      throw new LoadScenarioError(
        'vu.fetch',
        `has ${this.waiting} requests waiting for a slot; a scenario may not queue more than ${MAX_WAITING_REQUESTS}`,
      )
    }
    this.waiting++
    try {
      while (this.open() && this.page.inFlight >= this.limits.maxConcurrency) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            this.page.waiters.delete(wake)
            resolve()
          }
          this.page.waiters.add(wake)
          // A stop wakes the run's sleepers; this one too, through a short tracked sleep.
          void this.sleep(250).then(wake)
        })
      }
      if (!this.open()) return null
      this.page.inFlight++
      let released = false
      const release = () => {
        if (released) return
        released = true
        this.page.inFlight--
        for (const wake of [...this.page.waiters]) wake()
      }
      // Starts are spaced 1000 / maxRps ms apart across the page; the slot is held while the turn comes.
      const interval = 1000 / this.limits.maxRps
      const now = performance.now()
      const turn = Math.max(now, this.page.lastStartAt + interval)
      this.page.lastStartAt = turn
      if (turn > now) await this.sleep(turn - now)
      if (!this.open()) {
        release()
        return null
      }
      return release
    } finally {
      this.waiting--
    }
  }
}

/** Bytes of a request body, or null when it cannot be known before sending (a stream). */
export function bodySize(body: BodyInit | null | undefined): number | null {
  if (body === undefined || body === null) return 0
  if (typeof body === 'string') return new TextEncoder().encode(body).byteLength
  if (typeof Blob !== 'undefined' && body instanceof Blob) return body.size
  if (body instanceof ArrayBuffer) return body.byteLength
  if (ArrayBuffer.isView(body)) return body.byteLength
  if (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams)
    return new TextEncoder().encode(body.toString()).byteLength
  if (typeof FormData !== 'undefined' && body instanceof FormData) {
    let size = 0
    for (const [name, value] of body)
      size += name.length + (typeof value === 'string' ? new TextEncoder().encode(value).byteLength : value.size)
    return size
  }
  return null
}
