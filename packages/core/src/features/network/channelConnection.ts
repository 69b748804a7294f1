import { bodySize } from './requestRecord.ts'
import type { ChannelStats } from '../../types.ts'

/** Sent messages remembered to recognise an echo (round-trip time). */
const ECHO_SLOTS = 4
/** Longest message compared for an echo; longer ones are not timed (comparing is the cost). */
const ECHO_MAX_LENGTH = 1024
/**
 * Timed events (open times, round trips, reconnects, close codes) one connection keeps between two folds by the
 * collector, at most per kind; a socket that echoes thousands of messages in that time gets its first ones timed.
 */
export const MAX_PENDING_TIMES = 256

export type ChannelKind = ChannelStats['kind']

/**
 * One live WebSocket / EventSource connection, as its interceptor sees it: its own state (created, opened,
 * ended, recent sends for echo timing) and what happened since the collector last folded it into its channel's
 * figures. Counting here is a few additions; keys, histograms and health are the collector's.
 */
export class ChannelConnection {
  openedAt = -1
  ended = false
  /** In the recorder's queue now. */
  queued = false
  /** Folded into a channel entry at least once (its connect counted); the collector's. */
  entry: unknown = null
  // What happened since the last fold.
  /** Change of the number of open connections (+1 on open, −1 on an end after open). */
  openDelta = 0
  endedCount = 0
  messagesIn = 0
  messagesOut = 0
  bytesIn = 0
  bytesOut = 0
  errors = 0
  /** When the connection ended for good (for telling a later connection to the same key a reconnect). */
  endedAt = -1
  openTimes: number[] = []
  roundTrips: number[] = []
  reconnects: number[] = []
  closeCodes: number[] = []
  private readonly sent: (string | null)[] = new Array<string | null>(ECHO_SLOTS).fill(null)
  private readonly sentAt = new Float64Array(ECHO_SLOTS)
  private next = 0

  constructor(
    readonly kind: ChannelKind,
    readonly url: string,
    readonly createdAt: number,
  ) {}

  /** Notes that the connection ended (closed or failed for good); the next one to its key is a reconnect. */
  end(t: number): void {
    if (this.ended) return
    this.ended = true
    this.endedCount++
    this.endedAt = t
    if (this.openedAt >= 0) this.openDelta--
  }

  rememberSent(data: string, t: number): void {
    if (data.length > ECHO_MAX_LENGTH) return
    this.sent[this.next] = data
    this.sentAt[this.next] = t
    this.next = (this.next + 1) % ECHO_SLOTS
  }

  /** The round-trip time when `data` echoes a message sent recently, else null. */
  echoOf(data: string, t: number): number | null {
    if (data.length > ECHO_MAX_LENGTH) return null
    for (let i = 0; i < ECHO_SLOTS; i++) {
      if (this.sent[i] === data) {
        this.sent[i] = null
        return t - this.sentAt[i]!
      }
    }
    return null
  }
}

/** Adds a timed event to a connection's pending list, keeping at most {@link MAX_PENDING_TIMES}. */
export function pushBounded(list: number[], value: number): void {
  if (list.length < MAX_PENDING_TIMES) list.push(value)
}

/**
 * Bytes of a message payload where they are known without copying it (string length counts UTF-16 units); the same
 * rule as a request body's, with 0 for a payload of another type.
 */
export const payloadSize = (data: unknown): number => bodySize(data) ?? 0
