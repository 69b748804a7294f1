import type { FinishedRequest, OutgoingRequest } from '../../kernel/requestHooks.ts'
import type { Sample, TransportStats } from '../../types.ts'
import type { Announcement } from './announcement.ts'
import type { EncodeInput } from './batchFormat.ts'
import { BATCH_FORMAT_VERSION } from './batchVersion.ts'
import type { ResolvedTransportOptions } from './options.ts'
import { PendingBuffer } from './pendingBuffer.ts'

/** The request header that carries a batch on the app's own requests (the wire format is in docs/transport.md). */
export const BATCH_HEADER = 'X-Perfscope-Batch'

const FIRST_BACK_OFF_MS = 5_000
const MAX_BACK_OFF_MS = 5 * 60_000
/**
 * While samples keep arriving, batches are encoded at most this often, the network figures' unwatched publish
 * pace. Every encode pays the codec's set-up, which dominates for a batch of one or two samples (an app polling 20
 * times a second otherwise encoded 20 times a second), and a few seconds' worth of samples compresses far better.
 * A sample that arrives sooner waits for the interval's end on a one-shot timer, armed by that sample.
 */
export const MIN_ENCODE_INTERVAL_MS = 2000
/** A backlog this large is encoded at once, whatever the interval, so the buffer stays small at high request rates. */
const ENCODE_AT_ONCE_SAMPLES = 100
/** Batches on requests not yet finished; an interceptor that never reports one cannot grow this past the cap. */
const MAX_IN_FLIGHT = 64

export interface PiggybackDeps {
  now: () => number
  timeOrigin: number
  /** The page's own origin (`location.origin`): same-origin requests go there. */
  pageOrigin: string
  /** Runs `fn` once, later, when the page is idle: encoding never happens inside the app's `fetch` call. */
  scheduleIdle: (fn: () => void) => void
  /** Runs `fn` once, in `ms` (a one-shot timer: the encode interval's end). */
  later: (fn: () => void, ms: number) => void
  /**
   * Told when a batch becomes ready to ride (true) and when none is any more (false): the decorator need only be
   * registered in between, so app requests between batches pay nothing for the transport.
   */
  offering: (ready: boolean) => void
  randomId: () => number
  /** The encoder, when it is already loaded; otherwise {@link Piggyback.useEncoder} hands it over later. */
  encodeBatch?: (input: EncodeInput) => string
}

/** An encoded batch, ready to go out on a request or a beacon. */
export interface ReadyBatch {
  header: string
  count: number
  first: Sample
  dropped: number
}

/**
 * Samples held while no server has announced that it takes batches: an app without the server half never
 * sends them, so it keeps only the last few seconds' worth (a server that announces later still gets those).
 */
export const UNANNOUNCED_PENDING = 200

/**
 * Piggybacking: samples wait in a bounded buffer, are encoded when the page is idle, and the ready header is
 * handed to the next eligible app request by a request decorator, so metrics leave without a request or timer
 * of their own. Nothing is encoded or sent until a server announced that it takes batches (see
 * `announcement.ts`), and then only to the origins that announced, within their limits: an app without the
 * server half gets no header and no beacon.
 */
export class Piggyback {
  readonly buffer: PendingBuffer
  private ready: ReadyBatch | null = null
  private encodeQueued = false
  private lastEncodeAt = -Infinity
  /** A timer waits for the encode interval's end. */
  private waiting = false
  private backOffUntil = 0
  private backOffMs = 0
  /** Announcements by origin: the page's own and allow-listed origins only, so this stays small. */
  private readonly servers = new Map<string, Announcement>()
  /** Batches that went out on a request, by header value, until the request finishes. */
  private readonly inFlight = new Map<string, ReadyBatch>()
  /** The codec (and its compressor) arrive with the first announcement: an app without the server half never loads them. */
  private encodeBatch: ((input: EncodeInput) => string) | null
  readonly stats: TransportStats = {
    pending: 0,
    sentBatches: 0,
    sentSamples: 0,
    failedBatches: 0,
    beaconBatches: 0,
    dropped: 0,
    backedOff: 0,
    accepting: false,
  }

  constructor(
    private readonly options: ResolvedTransportOptions,
    private readonly deps: PiggybackDeps,
  ) {
    this.buffer = new PendingBuffer(Math.min(options.maxPending, UNANNOUNCED_PENDING))
    this.encodeBatch = deps.encodeBatch ?? null
  }

  /** Hands over the encoder once its chunk has loaded, and encodes what is waiting. */
  useEncoder(encodeBatch: (input: EncodeInput) => string): void {
    this.encodeBatch = encodeBatch
    this.queueEncode()
  }

  add(samples: readonly Sample[]): void {
    const droppedBefore = this.buffer.dropped
    for (const sample of samples) this.buffer.push(sample)
    this.stats.dropped += this.buffer.dropped - droppedBefore
    this.stats.pending = this.buffer.size
    this.queueEncode()
  }

  /**
   * Records that `origin`'s server takes batches (read from a response's `Server-Timing`). Ignored for origins
   * the page would never send to, and for a server that cannot decode this page's wire version.
   */
  announce(origin: string, announcement: Announcement): void {
    if (origin !== this.deps.pageOrigin && !this.options.allowOrigins.has(origin)) return
    if (announcement.version < BATCH_FORMAT_VERSION) {
      this.servers.delete(origin)
      return
    }
    const first = this.servers.size === 0
    this.servers.set(origin, announcement)
    this.buffer.capacity = this.options.maxPending
    this.stats.accepting = true
    if (first && this.buffer.size > 0) this.queueEncode()
  }

  /** The announcement of `origin`'s server, if it made one. */
  announcementOf(origin: string): Announcement | undefined {
    return this.servers.get(origin)
  }

  /** The header cap a batch is encoded to: the app's own, and no more than any announcing server takes. */
  private headerLimit(): number {
    let limit = this.options.maxHeaderBytes
    for (const server of this.servers.values()) limit = Math.min(limit, server.maxHeaderBytes)
    return limit
  }

  private queueEncode(): void {
    if (this.encodeQueued) return
    // Nobody to send to yet: the samples wait in the bounded buffer, unencoded; the first announcement encodes.
    if (this.servers.size === 0 || this.encodeBatch === null) return
    const backlog = this.buffer.size >= ENCODE_AT_ONCE_SAMPLES
    if (this.waiting && !backlog) return
    const wait = this.lastEncodeAt + MIN_ENCODE_INTERVAL_MS - this.deps.now()
    // Under a millisecond counts as due: a timer set for a fractional delay can fire a little before it, and then
    // waited once more on a second timer.
    if (wait >= 1 && !backlog) {
      this.waiting = true
      this.deps.later(() => {
        this.waiting = false
        this.queueEncode()
      }, wait)
      return
    }
    this.encodeQueued = true
    this.deps.scheduleIdle(() => {
      this.encodeQueued = false
      this.lastEncodeAt = this.deps.now()
      this.offer(this.encode(this.headerLimit()))
    })
  }

  /** Makes `batch` the one the next eligible request carries (null: none), telling whether one is on offer. */
  private offer(batch: ReadyBatch | null): void {
    const offered = this.ready !== null
    this.ready = batch
    if (offered !== (batch !== null)) this.deps.offering(batch !== null)
  }

  /**
   * The server of this request if the request may carry the header: same origin or an exact allow-listed
   * origin, whose server announced it takes batches; never `no-cors` or `keepalive` requests.
   */
  serverFor(request: OutgoingRequest): Announcement | undefined {
    if (request.internal || request.keepalive || request.mode === 'no-cors') return undefined
    if (request.sameOrigin) return this.servers.get(this.deps.pageOrigin)
    if (this.options.allowOrigins.size === 0) return undefined
    try {
      const origin = new URL(request.url).origin
      return this.options.allowOrigins.has(origin) ? this.servers.get(origin) : undefined
    } catch {
      return undefined
    }
  }

  /** The request decorator: the ready batch's header for an eligible request, or undefined. */
  decorate(request: OutgoingRequest): Record<string, string> | undefined {
    const ready = this.ready
    if (!ready || this.deps.now() < this.backOffUntil) return undefined
    const server = this.serverFor(request)
    if (!server || ready.header.length > server.maxHeaderBytes) return undefined
    // The buffer dropped the batch's first sample since it was encoded: the header is stale.
    if (this.buffer.peek(1)[0] !== ready.first) {
      this.offer(null)
      this.queueEncode()
      return undefined
    }
    this.offer(null)
    this.take(ready)
    if (this.inFlight.size >= MAX_IN_FLIGHT) this.inFlight.delete(this.inFlight.keys().next().value!)
    this.inFlight.set(ready.header, ready)
    if (this.buffer.size > 0) this.queueEncode()
    return { [BATCH_HEADER]: ready.header }
  }

  /** Removes a batch's samples from the buffer once it went out: it is never sent again, whatever happens to it. */
  take(batch: ReadyBatch): void {
    this.buffer.take(batch.count)
    this.buffer.dropped -= batch.dropped
    this.stats.pending = this.buffer.size
  }

  /**
   * Told when an app request ends. A batch counts as sent only when a response came back that is not a 4xx
   * (a server or proxy took the request with it). Any 4xx (a proxy's 400 / 431 for a large header, a 413, a
   * 429) backs off, as does a failure of a cross-origin request (the CORS preflight refusing the header looks
   * like that). Failed batches are counted and never resent. Returns true when the request carried a batch.
   */
  finished(finished: FinishedRequest): boolean {
    const header = finished.added[BATCH_HEADER]
    if (header === undefined) return false
    const batch = this.inFlight.get(header)
    this.inFlight.delete(header)
    const status = finished.status
    const delivered = status !== null && status < 400
    if (delivered) {
      this.stats.sentBatches++
      this.stats.sentSamples += batch?.count ?? 0
      this.backOffMs = 0
      return true
    }
    this.stats.failedBatches++
    if ((status !== null && status < 500) || (status === null && !finished.request.sameOrigin)) this.backOff()
    return true
  }

  private backOff(): void {
    this.backOffMs = Math.min(MAX_BACK_OFF_MS, this.backOffMs ? this.backOffMs * 2 : FIRST_BACK_OFF_MS)
    this.backOffUntil = this.deps.now() + this.backOffMs
    this.stats.backedOff++
  }

  /**
   * Encodes the oldest pending samples into at most `maxBytes` of base64url, or null when nothing is pending.
   * Starts from an estimate and shrinks, so a batch is encoded at most a few times.
   */
  encode(maxBytes: number): ReadyBatch | null {
    const encodeBatch = this.encodeBatch
    let n = this.buffer.size
    if (n === 0 || encodeBatch === null) return null
    for (let attempt = 0; attempt < 6 && n > 0; attempt++) {
      const samples = this.buffer.peek(n)
      const dropped = this.buffer.dropped
      const header = encodeBatch({ samples, batchId: this.deps.randomId(), timeOrigin: this.deps.timeOrigin, dropped })
      if (header.length <= maxBytes) return { header, count: n, first: samples[0]!, dropped }
      n = Math.floor(n * (maxBytes / header.length) * 0.9)
    }
    return null
  }
}
