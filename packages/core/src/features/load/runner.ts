import { endpointKey, routeOfUrl } from '../network/endpointKey.ts'
import { NetworkFault } from '../network/faultInjection.ts'
import type { RequestHooks } from '../../kernel/requestHooks.ts'
import { findings } from './findings.ts'
import { heapUsed, MemoryPressure } from './memoryPressureRun.ts'
import { LOAD_HEADER, type LoadProgress, type LoadRunResult, type LoadRunStatus } from './runTypes.ts'
import { LoadResults, type LoadErrorKind } from './results.ts'
import { arrivalsBy, targetAt, type ResolvedRequest, type ResolvedScenario, type VirtualUser } from './scenario.ts'
import { pageLoadBudget } from './pageLoadBudget.ts'
import { RequestGate } from './requestGate.ts'
import type { SafetyContext } from './safety.ts'
import type { LoadLimits } from './loadOptions.ts'
import { slowNetworkResult } from './slowNetwork.ts'

const TICK_MS = 20
/** Due arrivals that may wait for a free slot, per slot, before further ones are dropped. */
const QUEUED_ARRIVALS_PER_SLOT = 5
/** How long requests in flight at the planned end may take to finish. */
const GRACEFUL_STOP_MS = 5_000
let runCounter = 0

/**
 * One run: paces requests with its own timers (all tracked, all cleared by `stop`), aborts every in-flight
 * request of the run on stop, and starts nothing after it. Every request, whoever makes it, passes the run's
 * {@link RequestGate} and goes through the page's current `fetch` tagged with `X-Perfscope-Load`, so the
 * interceptors keep it out of the app's figures.
 */
export class LoadRun {
  readonly runId = `run-${Date.now().toString(36)}-${(++runCounter).toString(36)}`
  readonly results = new LoadResults()
  readonly done: Promise<LoadRunResult>
  private readonly controller = new AbortController()
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()
  private readonly sleepers = new Set<() => void>()
  private readonly startedAt = Date.now()
  private readonly t0 = performance.now()
  private stopped = false
  private ending = false
  private status: LoadRunStatus = 'completed'
  private reason: string | null = null
  private inFlight = 0
  private activeUsers = 0
  private droppedIterations = 0
  private queuedArrivals = 0
  private startedRequests = 0
  private readonly slotWaiters: Array<() => void> = []
  private readonly heapAtStart: number | null
  private finish!: (result: LoadRunResult) => void
  private iterationCounter = 0
  private readonly memory: MemoryPressure | null
  private readonly fault: NetworkFault | null
  private removeFault: (() => void) | null = null
  private readonly gate: RequestGate
  private readonly page = pageLoadBudget()
  private redirects = 0

  constructor(
    private readonly scenario: ResolvedScenario,
    private readonly limits: LoadLimits,
    private readonly onProgress: (progress: LoadProgress) => void,
    private readonly hooks: RequestHooks,
    safety: SafetyContext,
  ) {
    this.gate = new RequestGate(
      limits,
      safety,
      (ms) => this.sleep(ms),
      () => !this.stopped && !this.ending,
    )
    this.heapAtStart = heapUsed()
    this.memory = scenario.memory
      ? new MemoryPressure(
          scenario.memory,
          (fn, ms) => this.timer(fn, ms),
          (message) => this.stop('error', message),
          limits.maxMemoryBytes,
        )
      : null
    this.fault = scenario.fault ? new NetworkFault(scenario.fault) : null
    this.done = new Promise((resolve) => (this.finish = resolve))
  }

  start(): void {
    if (this.fault) {
      try {
        this.removeFault = this.hooks.injectFault(this.fault)
      } catch (error) {
        return this.stop('error', (error as Error).message)
      }
    }
    this.memory?.start()
    this.timer(() => this.complete(), this.scenario.durationMs)
    this.tick()
    if (this.scenario.executor.endsWith('users')) {
      const maxUsers = Math.max(...this.scenario.stages.map((s) => s.target))
      for (let id = 0; id < maxUsers; id++) void this.userLoop(id)
    }
  }

  /**
   * The planned end: nothing new starts, requests in flight may finish (k6's graceful stop), then the run ends;
   * whatever is still in flight after the grace period is aborted.
   */
  private complete(): void {
    if (this.stopped || this.ending) return
    if (this.scenario.executor.endsWith('arrival-rate')) this.startDueArrivals(this.scenario.durationMs)
    this.ending = true
    this.endPressure()
    for (const wake of this.sleepers) wake()
    for (const wake of this.slotWaiters.splice(0)) wake()
    // Arrivals still waiting for a slot when the time is up are dropped, and counted as such.
    this.droppedIterations += this.queuedArrivals
    this.queuedArrivals = 0
    if (this.inFlight === 0) return this.stop('completed', null)
    this.timer(
      () =>
        this.stop('completed', `requests still in flight after the ${GRACEFUL_STOP_MS} ms grace period were aborted`),
      GRACEFUL_STOP_MS,
    )
  }

  /** Ends the run at once: every timer cleared, every request of the run aborted, nothing new started. */
  stop(status: LoadRunStatus, reason: string | null): void {
    if (this.stopped) return
    this.stopped = true
    this.status = status
    this.reason = reason
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    this.endPressure()
    this.controller.abort(new DOMException(reason ?? 'load run ended', 'AbortError'))
    for (const wake of this.sleepers) wake()
    this.sleepers.clear()
    for (const wake of this.slotWaiters.splice(0)) wake()
    this.finish(this.result())
  }

  /** Removes the fault (its waiting app calls are sent now) and lets go of the memory held. */
  private endPressure(): void {
    this.removeFault?.()
    this.removeFault = null
    this.fault?.release()
    this.memory?.release()
  }

  get running(): boolean {
    return !this.stopped
  }

  /** Timers the run still holds, its fault's delays included (0 after stop). */
  get pendingTimers(): number {
    return this.timers.size + (this.fault?.pending ?? 0)
  }

  private elapsed(): number {
    return performance.now() - this.t0
  }

  private timer(fn: () => void, ms: number): void {
    if (this.stopped) return
    const id = setTimeout(() => {
      this.timers.delete(id)
      if (!this.stopped) fn()
    }, ms)
    this.timers.add(id)
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped || this.ending) return Promise.resolve()
    return new Promise((resolve) => {
      const wake = () => {
        this.sleepers.delete(wake)
        resolve()
      }
      this.sleepers.add(wake)
      this.timer(wake, ms)
    })
  }

  /** Every 20 ms: start the arrivals that are due, check the auto-stop limits, report progress. */
  private tick(): void {
    const elapsed = this.elapsed()
    if (this.scenario.executor.endsWith('arrival-rate') && !this.ending) this.startDueArrivals(elapsed)
    this.checkLimits(elapsed)
    if (this.stopped) return
    this.onProgress(this.progress())
    this.timer(() => this.tick(), TICK_MS)
  }

  /** Starts every arrival due by `elapsed` (capped at the run's length): late ticks on a busy page catch up. */
  private startDueArrivals(elapsed: number): void {
    const due = Math.floor(arrivalsBy(this.scenario.stages, Math.min(elapsed, this.scenario.durationMs)))
    while (this.startedRequests < due && !this.stopped) {
      this.startedRequests++
      // Over the concurrency cap, a due arrival waits for a free slot (briefly queued, so the rate holds on a
      // slow server); once the queue is full the server cannot keep up and arrivals are dropped, as k6 does.
      if (this.inFlight + this.queuedArrivals >= this.limits.maxConcurrency) {
        if (this.queuedArrivals >= this.limits.maxConcurrency * QUEUED_ARRIVALS_PER_SLOT) this.droppedIterations++
        else this.queuedArrivals++
        continue
      }
      void this.iteration(this.startedRequests - 1)
    }
  }

  private async userLoop(id: number): Promise<void> {
    let iteration = 0
    while (!this.stopped && !this.ending) {
      // Users are counted for the whole page: with another run busy, a user past the cap waits its turn.
      if (
        id >= Math.round(targetAt(this.scenario.stages, this.elapsed())) ||
        this.page.activeUsers >= this.limits.maxUsers
      ) {
        await this.sleep(100)
        continue
      }
      this.activeUsers++
      this.page.activeUsers++
      try {
        await this.iteration(iteration++, id)
      } finally {
        this.activeUsers--
        this.page.activeUsers--
      }
      if (this.scenario.thinkTimeMs > 0) await this.sleep(this.scenario.thinkTimeMs)
    }
  }

  private async iteration(iteration: number, userId = iteration): Promise<void> {
    if (this.stopped || this.ending) return
    if (!this.scenario.user) {
      await this.request(this.pick(), iteration)
      return
    }
    const vu: VirtualUser = {
      id: userId,
      iteration,
      fetch: (input, init) => this.fetch(input, init),
      sleep: (ms) => this.sleep(ms),
    }
    try {
      await this.scenario.user(vu)
    } catch (error) {
      // The planned end turns away the iteration's waiting requests: the scenario rethrowing that is no failure.
      if (this.ending && error instanceof DOMException && error.name === 'AbortError') return
      // A throwing scenario fails the run: thresholds must not pass over an exception (docs/compatibility.md case 39).
      if (!this.stopped)
        this.stop('error', `the scenario threw: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  private pick(): ResolvedRequest {
    const requests = this.scenario.requests
    const total = requests.reduce((sum, r) => sum + r.weight, 0)
    let x = Math.random() * total
    for (const r of requests) if ((x -= r.weight) < 0) return r
    return requests[requests.length - 1]!
  }

  private async request(r: ResolvedRequest, iteration: number): Promise<void> {
    let body: BodyInit | undefined
    try {
      body =
        typeof r.body === 'function'
          ? r.body(iteration)
          : (r.body ?? (r.payloadBytes ? 'x'.repeat(r.payloadBytes) : undefined))
    } catch (error) {
      // A body generator that throws fails the run like a throwing scenario.
      return this.stop('error', `a body generator threw: ${error instanceof Error ? error.message : String(error)}`)
    }
    try {
      await this.fetch(r.url.href, {
        method: r.method,
        headers: r.headers,
        body: r.method === 'GET' || r.method === 'HEAD' ? undefined : body,
      })
    } catch {
      // Counted in fetch(); an aborted request at stop is not an error of the app.
    }
  }

  /**
   * The run's fetch, for presets, scenario requests and `vu.fetch` alike: the gate checks the request (a refused
   * one ends the run with an error), then it waits for a slot under the concurrency and rate caps, tags, times,
   * records, and reads the body to the end. A redirect is not followed and counts as an error of kind `redirect`.
   */
  private async fetch(input: unknown, init: RequestInit = {}): Promise<Response> {
    if (this.stopped || this.ending) throw new DOMException('load run ended', 'AbortError')
    let request: ReturnType<RequestGate['check']>
    try {
      request = this.gate.check(input, init)
    } catch (error) {
      this.stop('error', `a request was refused: ${(error as Error).message.replace(/^perfscope load: /, '')}`)
      throw error
    }
    while (this.inFlight >= this.limits.maxConcurrency && !this.stopped && !this.ending) {
      await new Promise<void>((resolve) => this.slotWaiters.push(resolve))
    }
    if (this.stopped || this.ending) throw new DOMException('load run ended', 'AbortError')
    const { url } = request
    const key = endpointKey(request.init.method ?? 'GET', routeOfUrl(url, location.origin))
    const headers = new Headers(request.init.headers)
    headers.set(LOAD_HEADER, this.runId)
    this.inFlight++
    let release: (() => void) | null = null
    try {
      release = await this.gate.acquire()
      if (!release) throw new DOMException('load run ended', 'AbortError')
      const start = this.elapsed()
      this.results.started(start)
      try {
        const response = await globalThis.fetch(url, { ...request.init, headers, signal: this.controller.signal })
        if (response.type === 'opaqueredirect') {
          this.redirects++
          if (!this.stopped) this.results.record(key, this.elapsed() - start, 'redirect', start)
          return response
        }
        await response.arrayBuffer()
        if (!this.stopped) {
          const error: LoadErrorKind | null =
            response.status >= 500 ? 'http5xx' : response.status >= 400 ? 'http4xx' : null
          this.results.record(key, this.elapsed() - start, error, start)
        }
        return response
      } catch (error) {
        if (!this.stopped) this.results.record(key, this.elapsed() - start, 'network', start)
        throw error
      }
    } finally {
      release?.()
      this.inFlight--
      const waiter = this.slotWaiters.shift()
      if (this.ending && this.inFlight === 0) this.stop('completed', null)
      else if (waiter) waiter()
      else if (this.queuedArrivals > 0 && !this.stopped) {
        this.queuedArrivals--
        void this.iteration(this.startedRequests)
      }
    }
  }

  private checkLimits(elapsed: number): void {
    const { autoStop } = this.scenario
    const errorRate = this.results.recentErrorRate()
    if (errorRate !== null && errorRate > autoStop.errorRate) {
      return this.stop(
        'auto-stopped',
        `error rate ${(errorRate * 100).toFixed(1)} % over the last 50 requests passed the ${(autoStop.errorRate * 100).toFixed(1)} % limit`,
      )
    }
    const latency = this.results.overall.latency
    const p95 = latency.count >= 20 ? latency.quantile(0.95) : null
    if (p95 !== null && p95 > autoStop.p95Ms) {
      return this.stop('auto-stopped', `p95 latency ${Math.round(p95)} ms passed the ${autoStop.p95Ms} ms limit`)
    }
    const heap = heapUsed()
    if (autoStop.heapBytes !== null && heap !== null && heap > autoStop.heapBytes) {
      return this.stop(
        'auto-stopped',
        `JS heap ${(heap / 2 ** 20).toFixed(0)} MiB passed the ${(autoStop.heapBytes / 2 ** 20).toFixed(0)} MiB limit`,
      )
    }
    if (
      this.scenario.abortOnFail &&
      this.scenario.thresholds.length > 0 &&
      Math.floor(elapsed / 1000) !== Math.floor((elapsed - TICK_MS) / 1000)
    ) {
      const failed = this.results.evaluate(this.scenario.thresholds, elapsed).find((t) => t.status === 'fail')
      if (failed)
        this.stop(
          'threshold-failed',
          `threshold ${failed.metric}${failed.endpoint ? `{endpoint:${failed.endpoint}}` : ''} ${failed.expression} failed (${failed.actual})`,
        )
    }
  }

  progress(): LoadProgress {
    const latency = this.results.overall.latency
    const timeline = this.results.timeline()
    const lastFull = timeline[timeline.length - 2]
    return {
      runId: this.runId,
      scenario: this.scenario.name,
      elapsedMs: Math.min(this.elapsed(), this.scenario.durationMs),
      durationMs: this.scenario.durationMs,
      activeUsers: this.scenario.executor.endsWith('users') ? this.activeUsers : this.inFlight,
      inFlight: this.inFlight,
      requests: latency.count,
      rps: lastFull?.requests ?? 0,
      errorRate: latency.count ? this.results.overall.errors / latency.count : 0,
      p50: latency.quantile(0.5),
      p95: latency.quantile(0.95),
      p99: latency.quantile(0.99),
      memoryHeldBytes: this.memory?.bytes ?? 0,
      fault: this.fault
        ? { delayed: this.fault.delayed, failed: this.fault.failed, waiting: this.fault.pending }
        : null,
    }
  }

  private result(): LoadRunResult {
    const elapsed = this.elapsed()
    const overall = this.results.overall
    const thresholds = this.results.evaluate(this.scenario.thresholds, elapsed)
    const timeline = this.results.timeline()
    const endpoints = this.results.endpointResults(elapsed)
    const memory = this.memory?.result() ?? null
    const fault = this.fault && this.scenario.fault ? slowNetworkResult(this.scenario.fault, this.fault) : null
    return {
      runId: this.runId,
      scenario: this.scenario.name,
      executor: this.scenario.executor,
      startedAt: this.startedAt,
      durationMs: elapsed,
      status: this.status,
      reason: this.reason,
      requests: overall.latency.count,
      rps: elapsed > 0 ? (overall.latency.count * 1000) / elapsed : 0,
      errorRate: overall.latency.count ? overall.errors / overall.latency.count : 0,
      latency: overall.summary(),
      errorsByKind: { ...overall.errorsByKind },
      endpoints,
      thresholds,
      passed: this.status !== 'error' && thresholds.every((t) => t.status === 'pass'),
      droppedIterations: this.droppedIterations,
      timeline,
      findings: [
        ...findings({
          timeline,
          endpoints,
          firstErrors: this.firstErrors(),
          heapBefore: this.heapAtStart,
          heapAfter: heapUsed(),
          memory,
          fault,
        }),
        ...(this.redirects > 0
          ? [
              `${this.redirects} request${this.redirects === 1 ? ' was' : 's were'} answered with a redirect, which the simulator does not follow (it could lead to another origin); point the scenario at the final URL.`,
            ]
          : []),
      ],
      memory,
      fault,
    }
  }

  private firstErrors(): Array<{ key: string; at: number }> {
    return [...this.results.endpoints]
      .filter(([, s]) => s.firstErrorAt !== null)
      .map(([key, s]) => ({ key, at: s.firstErrorAt! }))
      .sort((a, b) => a.at - b.at)
  }
}
