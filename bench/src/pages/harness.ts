/**
 * What a bench page offers the runner, as `window.bench`. Every loop is bounded by its count; every time is
 * `performance.now()` milliseconds measured inside the page, so the runner's own latency is not in the figures.
 */
export interface BenchHarness {
  /** Whether `window.fetch` is now another function than before the SDK was installed (a wrapper is in place). */
  fetchWrapped(): boolean
  /** Whether the page is cross-origin isolated (then `performance.now()` has 5 µs resolution, not 100 µs). */
  isolated: boolean
  /** `n` fetches one after the other, each body read as JSON; the time of each request in ms. */
  sequential(url: string, n: number): Promise<number[]>
  /** `batches` rounds of `width` fetches at once; per round, its wall time divided by `width`, in ms. */
  concurrent(url: string, batches: number, width: number): Promise<number[]>
  /** Fetches `url` `perSecond` times a second for `durationMs` from a timer, as a polling app does; the count. */
  poll(url: string, perSecond: number, durationMs: number): Promise<number>
  /** `n` fetches kept `width` at a time in flight, untimed (to load an SDK with many requests). */
  hammer(url: string, n: number, width: number): Promise<number>
  /**
   * `rounds` loops of `n` calls one after the other, each awaited (the body left unread: reading it runs the
   * browser's stream machinery, which costs far more than a wrapper and would drown it); per loop, its wall time
   * divided by `n`, in ms (one timer read per loop, since a call can take less than the timer's resolution).
   */
  calls(url: string, n: number, rounds: number): Promise<number[]>
}

declare global {
  interface Window {
    bench: BenchHarness
  }
}

async function request(url: string): Promise<void> {
  const response = await fetch(url)
  await response.json()
}

/**
 * Exposes the harness on `window.bench` and tells the runner the page is ready. `nativeFetch` is `window.fetch` as
 * it was before the SDK was installed; some SDKs wrap it only after their start-up, so it is compared when asked.
 */
export function exposeHarness(nativeFetch: typeof fetch): void {
  window.bench = {
    fetchWrapped: () => window.fetch !== nativeFetch,
    isolated: window.crossOriginIsolated,
    async sequential(url, n) {
      const times: number[] = []
      for (let i = 0; i < n; i++) {
        const start = performance.now()
        await request(url)
        times.push(performance.now() - start)
      }
      return times
    },
    async concurrent(url, batches, width) {
      const times: number[] = []
      for (let b = 0; b < batches; b++) {
        const start = performance.now()
        const batch: Promise<void>[] = []
        for (let i = 0; i < width; i++) batch.push(request(url))
        await Promise.all(batch)
        times.push((performance.now() - start) / width)
      }
      return times
    },
    poll(url, perSecond, durationMs) {
      return new Promise((resolve, reject) => {
        const inFlight = new Set<Promise<void>>()
        const total = Math.round((perSecond * durationMs) / 1000)
        let sent = 0
        const timer = setInterval(() => {
          if (sent >= total) {
            clearInterval(timer)
            Promise.all(inFlight).then(() => resolve(sent), reject)
            return
          }
          sent++
          const call = request(url).finally(() => inFlight.delete(call))
          inFlight.add(call)
        }, 1000 / perSecond)
      })
    },
    async hammer(url, n, width) {
      let next = 0
      const worker = async () => {
        while (next < n) {
          next++
          await request(url)
        }
      }
      await Promise.all(Array.from({ length: Math.min(width, n) }, worker))
      return next
    },
    async calls(url, n, rounds) {
      const times: number[] = []
      for (let r = 0; r < rounds; r++) {
        const start = performance.now()
        for (let i = 0; i < n; i++) await fetch(url)
        times.push((performance.now() - start) / n)
      }
      return times
    },
  }
  window.benchReady = true
}
