import { now } from '../../lib/now.ts'
import { observe, type Observation } from '../../lib/observe.ts'
import { endpointKey, routeOfPath, routeOfUrl } from './endpointKey.ts'
import { EndpointTable, type EndpointEntry } from './endpoints.ts'
import { ChannelTable, type ChannelEntry } from './channels.ts'
import type { ChannelConnection } from './channelConnection.ts'
import { keptUrl } from '../../privacy/keptUrl.ts'
import { RouteLearner } from '../../privacy/routeLearner.ts'
import { sanitizeUrl, UNPARSABLE_URL } from '../../privacy/sanitizeUrl.ts'
import {
  isRequestEntry,
  MAX_BACKFILLED,
  ResourceTimingMatcher,
  START_SLACK_MS,
  type TimingEntry,
} from './resourceTiming.ts'
import type { ResolvedNetworkOptions } from './compiledNetworkOptions.ts'
import { newRequestRecord, statusKind, type RequestRecord, type RequestTarget } from './requestRecord.ts'
import type { NetworkRecorder, RecordSink } from './recorder.ts'
import type { MonitorContext } from '../../kernel/source.ts'
import type { Sample } from '../../types.ts'

/**
 * Snapshot updates for the network are coalesced to one per this many ms (armed by a request, never polling)
 * while something watches live (the overlay is open): tables and charts then move at 10 Hz.
 */
export const NETWORK_PUBLISH_DELAY_MS = 100
/**
 * The same with nobody watching: every publish recomputes each endpoint's percentiles, updates the store,
 * re-checks the budgets and hands the transport a batch's worth of samples. For an app polling 20 times a second
 * that was a fifth of perfscope's main-thread time at 10 Hz, and going from one publish a second to one every 2 s
 * cut perfscope's own polling time by another fifth; alerts, history and the server half need no faster figure.
 */
export const NETWORK_PUBLISH_UNWATCHED_MS = 2000
/** Distinct request URLs whose parsing is cached (polled URLs repeat; unique ones just churn the cache). */
export const MAX_CACHED_TARGETS = 256
/**
 * Resource-timing entries are matched with the next publish, in one go, rather than in the observer's callback
 * once per request; this many waiting are matched at once, so the requests awaiting theirs stay under the
 * matcher's bound (`MAX_AWAITING_TIMING`) at any request rate. An app polling 20 times a second makes 40 between
 * two unwatched publishes, matched with the publish: a match before it folds and hands over samples on its own.
 */
export const MAX_WAITING_ENTRIES = 64

/**
 * The per-monitor aggregator behind the network interceptors, loaded after them: folds the records the recorder
 * queued into endpoint and channel figures in batches, emits one sample per finished request, matches resource
 * timing, and publishes `endpoints` / `channels`. Nothing here runs on the app's call path.
 */
export class NetworkCollector implements RecordSink {
  private readonly endpoints: EndpointTable
  private readonly channels = new ChannelTable()
  private readonly matcher = new ResourceTimingMatcher()
  private readonly targets = new Map<string, RequestTarget>()
  /** The last call's URL and method, and where it was counted: a polled endpoint skips the lookups. */
  private last: { url: string; method: string; entry: EndpointEntry } | null = null
  private readonly pageOrigin: string
  private readonly learner: RouteLearner | null
  private learnedGeneration = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private soon: ReturnType<typeof setTimeout> | null = null
  private channelsUsed = false
  private observation: Observation | null = null
  /** Resource-timing entries delivered since the last match. */
  private waitingEntries: TimingEntry[] = []
  /** Samples of folded requests, emitted together at the end of each drain: one call per batch for each listener. */
  private finished: Sample[] = []
  /** Entries that started before this time were made before the interceptors were installed. */
  private backfillBefore = -Infinity
  private backfilling = false
  private backfilledCount = 0
  /** Matches the waiting entries now, or makes sure a publish is coming (guarded). */
  private readonly timingDue: () => void

  constructor(
    readonly context: MonitorContext,
    readonly options: ResolvedNetworkOptions,
    readonly recorder: NetworkRecorder,
  ) {
    this.pageOrigin = location.origin
    this.timingDue = context.guard.wrap('resourceTiming', () => {
      if (this.waitingEntries.length >= MAX_WAITING_ENTRIES) this.matchEntries()
      else this.schedule()
    })
    const pageOrigin = this.pageOrigin
    this.endpoints = new EndpointTable(
      options.maxEndpoints,
      options.rulesFor,
      (target) =>
        (target.redacted ??= keptUrl(target.route, target.href, pageOrigin, target.sameOrigin, options.query)),
    )
    this.learner =
      options.learnRoutes === null
        ? null
        : new RouteLearner(options.learnRoutes, new Set(options.routes.map((r) => r.template)))
  }

  /**
   * Starts matching resource-timing entries; returns what stops it. The buffered entries are read, as the
   * collector starts after the interceptors: those of calls made since then are matched, and with `backfill` the
   * fetch and XHR calls the page made before are counted from them, and so are calls under way then, whose
   * entries arrive when they end. The buffer is read, never cleared: it is the app's.
   */
  observeResourceTiming(backfill: boolean): () => void {
    this.backfillBefore = this.recorder.installedAt - START_SLACK_MS
    this.backfilling = backfill
    this.observation = observe<PerformanceResourceTiming>('resource', (entries) => this.timingEntries(entries), {
      buffered: true,
    })
    // Leaving or hiding the page publishes at once, so what history saves then holds the last calls too.
    const publishNow = this.context.guard.wrap('network', () => {
      if (this.timer !== null) this.flush()
    })
    const onHidden = () => {
      if (document.visibilityState === 'hidden') publishNow()
    }
    window.addEventListener('pagehide', publishNow)
    document.addEventListener('visibilitychange', onHidden)
    return () => {
      window.removeEventListener('pagehide', publishNow)
      document.removeEventListener('visibilitychange', onHidden)
      this.observation?.disconnect()
      this.observation = null
      this.flush()
    }
  }

  /**
   * What a request URL means as an endpoint (route, redacted form). Cached per URL, so a polled URL is parsed
   * once; the cache is bounded and simply starts over when full.
   */
  target(url: string): RequestTarget {
    // A newly learned parameter changes how cached URLs read: start the cache over.
    if (this.learner && this.learner.generation !== this.learnedGeneration) {
      this.learnedGeneration = this.learner.generation
      this.targets.clear()
      this.last = null
    }
    let target = this.targets.get(url)
    if (target) return target
    const at = this.recorder.locate(url)
    const parsed = this.recorder.resolve(at.href)
    target = parsed
      ? { ...at, route: this.learned(routeOfUrl(parsed, this.pageOrigin, this.options.routes)), redacted: null }
      : { ...at, route: UNPARSABLE_URL, redacted: null }
    if (this.targets.size >= MAX_CACHED_TARGETS) this.targets.clear()
    this.targets.set(url, target)
    return target
  }

  private learned(route: string): string {
    return this.learner ? this.learner.apply(route) : route
  }

  /** The recorder queued work: fold it with the next publish. */
  queued(): void {
    this.schedule()
  }

  /** A burst filled the recorder's queue: fold it at the next turn (publishing stays on its own pace). */
  backlog(): void {
    if (this.soon !== null) return
    this.soon = setTimeout(() => {
      this.soon = null
      this.context.guard.run('network', () => this.drain())
    }, 0)
  }

  /** Folds everything the recorder queued, in the order it happened. */
  drain(): void {
    const { requests, channels } = this.recorder.take()
    // Indexed, not for…of: this runs a few times a second, mostly before the engine optimises it, and there a
    // for…of loop allocates an iterator and a result object per element.
    for (let i = 0; i < requests.length; i++) this.fold(requests[i]!)
    for (let i = 0; i < channels.length; i++) this.foldChannel(channels[i]!)
    this.emitFinished()
  }

  /** Hands the samples of the requests folded since the last call to the sample listeners, in one batch. */
  private emitFinished(): void {
    if (this.finished.length === 0) return
    const samples = this.finished
    this.finished = []
    this.context.emitAll(samples)
  }

  private fold(record: RequestRecord): void {
    if (record.folded === 'done') return
    if (record.folded === 'no') {
      if (record.phase === 'abandoned') {
        record.folded = 'done'
        return
      }
      const entry = this.endpointOf(record)
      entry.started(record.start)
      record.endpoint = entry
      record.folded = 'started'
    }
    const entry = record.endpoint as EndpointEntry
    if (record.phase === 'abandoned') {
      if (entry.inFlight > 0) entry.inFlight--
      record.folded = 'done'
    } else if (record.phase === 'ended') {
      record.folded = 'done'
      if (record.error === null && record.status !== null) record.error = statusKind(record.status)
      this.readHeaders(record)
      entry.finished(record)
      if (record.at.http) this.matcher.expect(record)
      const tags: Record<string, string> = {
        status: String(record.status ?? 0),
        kind: record.error ?? 'ok',
        api: record.api,
      }
      if (record.internal) tags.internal = 'true'
      this.finished.push({ key: entry.sampleKey, t: record.start, v: record.duration, tags })
    }
  }

  /** Sets the record's target and returns the endpoint it counts under. */
  private endpointOf(record: RequestRecord): EndpointEntry {
    // The target first: a newly learned route parameter resets `last`.
    const target = (record.target = this.target(record.url))
    const last = this.last
    if (last !== null && last.url === record.url && last.method === record.method) return last.entry
    const entry = this.endpoints.entry(endpointKey(record.method, target.route), target.sameOrigin)
    this.last = { url: record.url, method: record.method, entry }
    return entry
  }

  /** Reads Content-Length, Server-Timing and allow-listed headers from a fetch response or an XHR's header text. */
  private readHeaders(record: RequestRecord): void {
    const capture = this.options.captureHeaders
    const headers = record.response
    if (headers) {
      record.response = null
      const length = headers.get('content-length')
      record.responseBytes = length === null ? null : Number(length)
      record.serverTiming = headers.get('server-timing')
      // Indexed: once per response, and the list is usually empty (for…of would still allocate an iterator).
      for (let i = 0; i < capture.length; i++) {
        const name = capture[i]!
        const value = headers.get(name)
        if (value !== null) (record.headers ??= {})[name] = value
      }
      return
    }
    const all = record.rawHeaders
    if (!all) return
    record.rawHeaders = null
    for (const line of all.split('\r\n')) {
      const colon = line.indexOf(':')
      if (colon <= 0) continue
      const name = line.slice(0, colon).toLowerCase()
      const value = line.slice(colon + 1).trim()
      if (name === 'content-length' && record.responseBytes === null) record.responseBytes = Number(value)
      else if (name === 'server-timing')
        record.serverTiming = record.serverTiming ? `${record.serverTiming}, ${value}` : value
      if (capture.includes(name)) (record.headers ??= {})[name] = value
    }
  }

  private foldChannel(connection: ChannelConnection): void {
    this.channelsUsed = true
    let entry = connection.entry as ChannelEntry | null
    if (entry === null) {
      const parsed = this.recorder.resolve(connection.url)
      const prefix = connection.kind === 'websocket' ? 'WS' : 'SSE'
      let key = `${prefix} ${UNPARSABLE_URL}`
      if (parsed) {
        const route = this.learned(routeOfPath(parsed.pathname, this.options.routes))
        key =
          parsed.host === location.host ? `${prefix} ${route}` : `${prefix} ${parsed.protocol}//${parsed.host}${route}`
      }
      entry = this.channels.entry(key, connection.kind)
      entry.lastUrl = parsed ? sanitizeUrl(parsed, this.options.query) : UNPARSABLE_URL
    }
    entry.fold(connection)
  }

  /** Publishes soon: coalesces the figures of every call in the next {@link NETWORK_PUBLISH_DELAY_MS} (watched) or {@link NETWORK_PUBLISH_UNWATCHED_MS}. */
  schedule(): void {
    if (this.timer !== null) return
    this.timer = setTimeout(
      () => {
        this.timer = null
        this.context.guard.run('network', () => this.publish())
      },
      this.context.watched ? NETWORK_PUBLISH_DELAY_MS : NETWORK_PUBLISH_UNWATCHED_MS,
    )
  }

  /** Folds and publishes now (on stop, on leaving the page, and for tests that cannot wait). */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    if (this.soon !== null) clearTimeout(this.soon)
    this.timer = this.soon = null
    this.publish()
  }

  private publish(): void {
    this.drain()
    this.matchEntries()
    const t = now()
    const partial: Parameters<MonitorContext['publish']>[0] = { endpoints: this.endpoints.stats(t) }
    if (this.channelsUsed) partial.channels = this.channels.stats(t, this.options.reconnectStorm)
    this.context.publish(partial)
  }

  /**
   * Takes resource-timing entries (the observer's callback, once per app request): they are matched with the next
   * publish, or at once past a bound. Keeping them is two lines that cannot throw, so only the rest is guarded: a
   * guarded call costs more than those lines, and a polling app makes one per request.
   */
  timingEntries(entries: readonly TimingEntry[]): void {
    const waiting = this.waitingEntries
    // Indexed, not for…of or a spread: one call per app response, mostly unoptimised, where those allocate.
    for (let i = 0; i < entries.length; i++) waiting.push(entries[i]!)
    if (waiting.length >= MAX_WAITING_ENTRIES || this.timer === null) this.timingDue()
  }

  /** Matches the waiting resource-timing entries to the requests they belong to. */
  private matchEntries(): void {
    const entries = this.waitingEntries
    if (entries.length === 0) return
    this.waitingEntries = []
    // Records the recorder still holds may be the ones these entries belong to.
    this.drain()
    let live: readonly TimingEntry[] = entries
    if (entries.some((entry) => entry.startTime < this.backfillBefore)) {
      const kept: TimingEntry[] = []
      for (const entry of entries) {
        if (entry.startTime >= this.backfillBefore) kept.push(entry)
        else if (this.backfilling && isRequestEntry(entry)) this.backfill(entry)
      }
      live = kept
    }
    this.matcher.match(live, now(), (record, entry) => this.applyTiming(record, entry))
    this.emitFinished()
  }

  /** Counts a call made before the interceptors were installed from its entry (method unknown: GET assumed). */
  private backfill(entry: TimingEntry): void {
    if (this.backfilledCount >= MAX_BACKFILLED) return
    this.backfilledCount++
    const target = this.target(entry.name)
    const status = entry.responseStatus ? entry.responseStatus : null
    // Time to the response headers where the entry exposes it (same origin, or Timing-Allow-Origin), else to its end.
    const end = entry.responseStart > 0 ? entry.responseStart : entry.responseEnd
    const record = newRequestRecord(
      entry.initiatorType === 'fetch' ? 'fetch' : 'xhr',
      'GET',
      target,
      entry.startTime,
      false,
      true,
    )
    record.url = entry.name
    record.duration = Math.max(0, end - entry.startTime)
    record.phase = 'ended'
    record.status = status
    record.error = status === null ? null : statusKind(status)
    record.folded = 'done'
    record.target = target
    const endpoint = this.endpoints.entry(`GET ${target.route}`, target.sameOrigin)
    record.endpoint = endpoint
    endpoint.finishedBeforeStart(record)
    this.applyTiming(record, entry)
    const tags: Record<string, string> = {
      status: String(status ?? 0),
      kind: record.error ?? 'ok',
      api: record.api,
      backfilled: 'true',
    }
    this.finished.push({ key: endpoint.sampleKey, t: record.start, v: record.duration, tags })
  }

  private applyTiming(record: RequestRecord, entry: TimingEntry): void {
    const endpoint = record.endpoint as EndpointEntry | null
    if (!endpoint) return
    const detail = endpoint.timingDetail()
    detail.matched++
    // Cross-origin entries without Timing-Allow-Origin have zeroed detail: "unavailable", never 0 ms.
    if (entry.requestStart === 0 || entry.responseStart === 0) {
      detail.unavailable++
    } else {
      detail.dns.add(entry.domainLookupEnd - entry.domainLookupStart)
      detail.connect.add(entry.connectEnd - entry.connectStart)
      detail.ttfb.add(entry.responseStart - entry.requestStart)
      detail.download.add(entry.responseEnd - entry.responseStart)
    }
    if (record.responseBytes === null && entry.encodedBodySize > 0) endpoint.bytes += entry.encodedBodySize
    // XHR cannot always read the header; the entry carries the same metrics when the server exposed them.
    if (record.serverTiming === null && entry.serverTiming && entry.serverTiming.length > 0) {
      endpoint.addServerTiming(entry.serverTiming)
    }
  }
}
