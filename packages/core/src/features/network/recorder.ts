import { ChannelConnection, type ChannelKind } from './channelConnection.ts'
import { newRequestRecord, type RequestRecord, type RequestUrl } from './requestRecord.ts'
import type { MonitorContext } from '../../kernel/source.ts'

/**
 * Request records queued for the collector, at most. The collector drains the queue every few hundred ms once it
 * has loaded; this bounds what a page that fires requests in a loop before then (or without ever yielding to a
 * timer) can make perfscope hold. Beyond it the oldest half is dropped at once (counted, and reported in the
 * errors), so dropping costs nothing per call; a dropped record that later ends is queued again and still counted.
 */
export const MAX_QUEUED_RECORDS = 2000
/** A queue this long asks the collector to drain at the next turn rather than at its next publish. */
export const BACKLOG_RECORDS = 256
/** Distinct request URLs whose resolution is cached (polled URLs repeat; unique ones just churn the cache). */
export const MAX_CACHED_URLS = 256

/**
 * A same-origin absolute path made only of characters the URL parser leaves exactly as they are (no dot
 * segments, nothing it would percent-encode): its absolute URL is the origin plus the path, with no parsing.
 * Parsing a URL costs a few microseconds, most of the wrapper's cost for calls to ever-new URLs.
 */
const PLAIN_PATH = /^\/(?![/\\])[\w\-~/%=&:@!$()*+,;.?]*$/

/** Header names that mark perfscope's own requests and the load simulator's (lower case). */
export const INTERNAL_HEADERS = ['x-perfscope-load', 'x-perfscope-internal'] as const

/** What the collector does with the queue; it registers once its code has loaded. */
export interface RecordSink {
  /** Called when the queue goes from empty to not empty: the sink drains it soon (never on the app's call path). */
  queued(): void
  /** Called when the queue reaches {@link BACKLOG_RECORDS}: a burst of requests; drain at the next turn. */
  backlog(): void
}

/**
 * The eager half of the network feature: what the interceptors write into on the app's call path. It resolves a
 * URL (cached), stamps records and queues them, and nothing more; endpoints, histograms, routes, privacy and
 * resource timing are the collector's, which loads at the first idle moment and drains the queue in batches. So
 * the first request of the page is recorded, and the app's calls pay for a push, not for the aggregation.
 */
export class NetworkRecorder {
  /** Records whose start or end the collector has not folded yet, in the order those happened. */
  requests: RequestRecord[] = []
  /** WebSocket / EventSource connections with something new since the collector last folded them. */
  channels: ChannelConnection[] = []
  /** Records dropped from a full queue before the collector could fold them. */
  dropped = 0
  /** `now()` when the interceptors were installed. */
  readonly installedAt: number
  private sink: RecordSink | null = null
  private readonly urls = new Map<string, RequestUrl>()
  private readonly pageOrigin = location.origin
  private readonly baseUrl = document.baseURI
  private readonly plainPaths: boolean

  constructor(
    readonly context: MonitorContext,
    installedAt: number,
  ) {
    this.installedAt = installedAt
    // A <base href> on another origin, or a page that is not http(s), resolves paths elsewhere: parse them. A
    // serialised base URL on the page's origin starts with that origin and a slash (compared as text: the first
    // URL parse of a page costs about a millisecond of its start-up).
    this.plainPaths = /^https?:$/.test(location.protocol) && this.baseUrl.startsWith(`${this.pageOrigin}/`)
  }

  /** Hands the queue to the collector (and anything already queued). */
  attach(sink: RecordSink | null): void {
    this.sink = sink
    if (sink && (this.requests.length > 0 || this.channels.length > 0)) sink.queued()
  }

  /** The absolute URL of a request and whether it is same-origin http(s); cached per URL string. */
  locate(url: string): RequestUrl {
    let located = this.urls.get(url)
    if (located) return located
    if (this.plainPaths && PLAIN_PATH.test(url) && !url.includes('/.')) {
      located = { href: this.pageOrigin + url, sameOrigin: true, http: true }
    } else {
      const parsed = this.resolve(url)
      located = parsed
        ? {
            href: parsed.href,
            sameOrigin: parsed.origin === this.pageOrigin,
            http: parsed.protocol === 'http:' || parsed.protocol === 'https:',
          }
        : { href: url, sameOrigin: false, http: false }
    }
    if (this.urls.size >= MAX_CACHED_URLS) this.urls.clear()
    this.urls.set(url, located)
    return located
  }

  /** Parses a URL against the document's base URL; null when it does not parse (the call then fails natively). */
  resolve(url: string): URL | null {
    try {
      return new URL(url, this.baseUrl)
    } catch {
      return null
    }
  }

  /** Stamps and queues the start of a call; the interceptor fills in its end and hands it to {@link end}. */
  begin(api: RequestRecord['api'], method: string, at: RequestUrl, internal: boolean, t: number): RequestRecord {
    const counted = !internal || this.context.settings.includeInternal
    const record = newRequestRecord(api, method, at, t, internal, counted)
    if (record.counted) this.queue(record)
    return record
  }

  /** Queues the end of a call (its fields filled in by the interceptor). */
  end(record: RequestRecord): void {
    record.phase = 'ended'
    if (record.counted) this.queue(record)
  }

  /** Forgets a call that never went out (the native method refused it, or `open()` ended it silently). */
  abandon(record: RequestRecord): void {
    record.phase = 'abandoned'
    if (record.counted && record.folded === 'started') this.queue(record)
  }

  /** Starts tracking a WebSocket / EventSource connection. */
  connect(kind: ChannelKind, url: string, t: number): ChannelConnection {
    const connection = new ChannelConnection(kind, url, t)
    this.touched(connection)
    return connection
  }

  /** Queues a connection that has something new for the collector (once until it is folded). */
  touched(connection: ChannelConnection): void {
    if (connection.queued) return
    connection.queued = true
    if (this.channels.length === 0 && this.requests.length === 0) this.sink?.queued()
    this.channels.push(connection)
  }

  /** Takes the queued records and connections (the collector folds them in order). */
  take(): { requests: RequestRecord[]; channels: ChannelConnection[] } {
    const taken = { requests: this.requests, channels: this.channels }
    this.requests = []
    this.channels = []
    for (let i = 0; i < taken.channels.length; i++) taken.channels[i]!.queued = false
    return taken
  }

  private queue(record: RequestRecord): void {
    const requests = this.requests
    if (requests.length === 0 && this.channels.length === 0) this.sink?.queued()
    else if (requests.length === BACKLOG_RECORDS) this.sink?.backlog()
    if (requests.length >= MAX_QUEUED_RECORDS) {
      const dropped = MAX_QUEUED_RECORDS / 2
      requests.splice(0, dropped)
      this.dropped += dropped
      // One report per thousand records: the overlay shows that the figures miss calls, at no cost per call.
      this.context.guard.report(
        'network',
        new Error(`dropped ${dropped} request records: the page made them faster than the collector could fold`),
      )
    }
    requests.push(record)
  }
}
