import { now } from '../../lib/now.ts'
import { observe, type Observation } from '../../lib/observe.ts'
import { endpointKey, routeOfPath, routeOfUrl } from './endpointKey.ts'
import { EndpointTable, type EndpointEntry } from './endpoints.ts'
import { ChannelConnection, ChannelTable, type ChannelKind } from './channels.ts'
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
import type { ResolvedNetworkOptions } from './networkOptions.ts'
import { statusKind, type RequestRecord, type RequestTarget } from './requestRecord.ts'
import type { MonitorContext } from '../../kernel/source.ts'

/**
 * Snapshot updates for the network are coalesced to one per this many ms (armed by a request, never polling)
 * while something watches live (the overlay is open): tables and charts then move at 10 Hz.
 */
export const NETWORK_PUBLISH_DELAY_MS = 100
/**
 * The same with nobody watching: every publish recomputes each endpoint's percentiles and re-checks the budgets,
 * which for an app polling 20 times a second was a fifth of perfscope's main-thread time at 10 Hz.
 */
export const NETWORK_PUBLISH_UNWATCHED_MS = 500
/** Distinct request URLs whose parsing is cached (polled URLs repeat; unique ones just churn the cache). */
export const MAX_CACHED_TARGETS = 256

/**
 * A same-origin absolute path made only of characters the URL parser leaves exactly as they are (no dot
 * segments, nothing it would percent-encode): its absolute URL is the origin plus the path, with no parsing.
 * Parsing a URL costs a few microseconds, most of the wrapper's cost for calls to ever-new URLs.
 */
const PLAIN_PATH = /^\/(?![/\\])[\w\-~/%=&:@!$()*+,;.?]*$/

/** Header names that mark perfscope's own requests and the load simulator's (lower case). */
export const INTERNAL_HEADERS = ['x-perfscope-load', 'x-perfscope-internal'] as const

/**
 * The per-monitor aggregator behind every network interceptor: turns calls into endpoint and channel figures,
 * emits one sample per finished request, matches resource timing, and publishes `endpoints` / `channels`.
 */
export class NetworkCollector {
  private readonly endpoints: EndpointTable
  private readonly channels = new ChannelTable()
  private readonly matcher = new ResourceTimingMatcher()
  private readonly targets = new Map<string, RequestTarget>()
  private readonly pageOrigin: string
  private readonly baseUrl: string
  private readonly plainPaths: boolean
  private readonly learner: RouteLearner | null
  private learnedGeneration = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private channelsUsed = false
  private observation: Observation | null = null
  /** Entries that started before this time were made before the interceptors were installed. */
  private backfillBefore = -Infinity
  private backfilledCount = 0

  constructor(
    readonly context: MonitorContext,
    readonly options: ResolvedNetworkOptions,
  ) {
    this.pageOrigin = location.origin
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
    this.baseUrl = document.baseURI
    // A <base href> on another origin, or a page that is not http(s), resolves paths elsewhere: parse them.
    this.plainPaths = /^https?:$/.test(location.protocol) && this.resolve('/')?.origin === this.pageOrigin
  }

  /**
   * Starts matching resource-timing entries; returns what stops it. With `backfillBefore` (the `now()` at which
   * the interceptors were installed), the fetch and XHR calls the page made before it are counted from the
   * browser's buffer, and so are calls under way then, whose entries arrive when they end. The buffer is read,
   * never cleared: it is the app's.
   */
  observeResourceTiming(backfillBefore: number | null): () => void {
    if (backfillBefore !== null) this.backfillBefore = backfillBefore - START_SLACK_MS
    this.observation = observe<PerformanceResourceTiming>(
      'resource',
      this.context.guard.wrap('resourceTiming', (entries) => this.onTimingEntries(entries)),
      { buffered: backfillBefore !== null },
    )
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
   * What a request URL means (absolute URL, same origin or not, route, redacted form). Cached per URL string, so
   * a polled URL is parsed once; the cache is bounded and simply starts over when full.
   */
  target(url: string): RequestTarget {
    // A newly learned parameter changes how cached URLs read: start the cache over.
    if (this.learner && this.learner.generation !== this.learnedGeneration) {
      this.learnedGeneration = this.learner.generation
      this.targets.clear()
    }
    let target = this.targets.get(url)
    if (target) return target
    if (this.plainPaths && PLAIN_PATH.test(url) && !url.includes('/.')) {
      const q = url.indexOf('?')
      target = {
        href: this.pageOrigin + url,
        sameOrigin: true,
        http: true,
        route: this.learned(routeOfPath(q < 0 ? url : url.slice(0, q), this.options.routes)),
        redacted: null,
      }
      return this.remember(url, target)
    }
    const parsed = this.resolve(url)
    target = parsed
      ? {
          href: parsed.href,
          sameOrigin: parsed.origin === this.pageOrigin,
          http: parsed.protocol === 'http:' || parsed.protocol === 'https:',
          route: this.learned(routeOfUrl(parsed, this.pageOrigin, this.options.routes)),
          redacted: null,
        }
      : { href: url, sameOrigin: false, http: false, route: UNPARSABLE_URL, redacted: null }
    return this.remember(url, target)
  }

  private learned(route: string): string {
    return this.learner ? this.learner.apply(route) : route
  }

  private remember(url: string, target: RequestTarget): RequestTarget {
    if (this.targets.size >= MAX_CACHED_TARGETS) this.targets.clear()
    this.targets.set(url, target)
    return target
  }

  /** Parses a URL against the document's base URL; null when it does not parse (the call then fails natively). */
  resolve(url: string): URL | null {
    try {
      return new URL(url, this.baseUrl)
    } catch {
      return null
    }
  }

  /** Records the start of a call; the interceptor fills in the rest and hands it to {@link end}. */
  begin(api: RequestRecord['api'], method: string, target: RequestTarget, internal: boolean, t: number): RequestRecord {
    const record: RequestRecord = {
      api,
      method,
      url: target.href,
      target,
      start: t,
      duration: 0,
      status: null,
      error: null,
      requestBytes: null,
      responseBytes: null,
      serverTiming: null,
      headers: null,
      internal,
      endpoint: null,
    }
    if (internal && !this.context.settings.includeInternal) return record
    const entry = this.endpoints.entry(endpointKey(method, target.route), target.sameOrigin)
    entry.started(t)
    record.endpoint = entry
    return record
  }

  /** Forgets a call that never went out (the native method refused it). */
  abandon(record: RequestRecord): void {
    const entry = record.endpoint as EndpointEntry | null
    if (entry && entry.inFlight > 0) entry.inFlight--
    record.endpoint = null
  }

  /** Aggregates a finished call and emits its sample. */
  end(record: RequestRecord): void {
    const entry = record.endpoint as EndpointEntry | null
    if (!entry) return
    entry.finished(record)
    if (record.target.http) this.matcher.expect(record)
    const tags: Record<string, string> = {
      status: String(record.status ?? 0),
      kind: record.error ?? 'ok',
      api: record.api,
    }
    if (record.internal) tags.internal = 'true'
    this.context.emit({ key: `http.${entry.key}`, t: record.start, v: record.duration, tags })
    this.schedule()
  }

  /** Starts tracking a WebSocket / EventSource connection to `url`. */
  connect(kind: ChannelKind, url: string, t: number): ChannelConnection {
    this.channelsUsed = true
    const parsed = this.resolve(url)
    const prefix = kind === 'websocket' ? 'WS' : 'SSE'
    let key = `${prefix} ${UNPARSABLE_URL}`
    if (parsed) {
      const route = this.learned(routeOfPath(parsed.pathname, this.options.routes))
      key =
        parsed.host === location.host ? `${prefix} ${route}` : `${prefix} ${parsed.protocol}//${parsed.host}${route}`
    }
    const entry = this.channels.entry(key, kind)
    entry.lastUrl = parsed ? sanitizeUrl(parsed, this.options.query) : UNPARSABLE_URL
    if (entry.ended > 0) entry.reconnected(t)
    entry.connects++
    this.schedule()
    return new ChannelConnection(entry, t)
  }

  /** Notes that a channel connection ended (closed or failed for good); the next one to its key is a reconnect. */
  ended(connection: ChannelConnection): void {
    if (connection.ended) return
    connection.ended = true
    connection.entry.ended++
    if (connection.openedAt >= 0 && connection.entry.open > 0) connection.entry.open--
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

  /** Publishes now (on stop, and for tests that cannot wait). */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.publish()
  }

  private publish(): void {
    const t = now()
    const partial: Parameters<MonitorContext['publish']>[0] = { endpoints: this.endpoints.stats(t) }
    if (this.channelsUsed) partial.channels = this.channels.stats(t, this.options.reconnectStorm)
    this.context.publish(partial)
  }

  private onTimingEntries(entries: readonly TimingEntry[]): void {
    let live = entries
    if (entries.some((entry) => entry.startTime < this.backfillBefore)) {
      const kept: TimingEntry[] = []
      for (const entry of entries) {
        if (entry.startTime >= this.backfillBefore) kept.push(entry)
        else if (isRequestEntry(entry)) this.backfill(entry)
      }
      live = kept
    }
    this.matcher.match(live, now(), (record, entry) => this.applyTiming(record, entry))
    this.schedule()
  }

  /** Counts a call made before the interceptors were installed from its entry (method unknown: GET assumed). */
  private backfill(entry: TimingEntry): void {
    if (this.backfilledCount >= MAX_BACKFILLED) return
    this.backfilledCount++
    const target = this.target(entry.name)
    const status = entry.responseStatus ? entry.responseStatus : null
    // Time to the response headers where the entry exposes it (same origin, or Timing-Allow-Origin), else to its end.
    const end = entry.responseStart > 0 ? entry.responseStart : entry.responseEnd
    const record: RequestRecord = {
      api: entry.initiatorType === 'fetch' ? 'fetch' : 'xhr',
      method: 'GET',
      url: entry.name,
      target,
      start: entry.startTime,
      duration: Math.max(0, end - entry.startTime),
      status,
      error: status === null ? null : statusKind(status),
      requestBytes: null,
      responseBytes: null,
      serverTiming: null,
      headers: null,
      internal: false,
      endpoint: null,
    }
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
    this.context.emit({ key: `http.${endpoint.key}`, t: record.start, v: record.duration, tags })
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
