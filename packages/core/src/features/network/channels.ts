import { Histogram } from '../../stats/histogram.ts'
import { RollingCounter } from '../../stats/rollingCounter.ts'
import { channelHealth } from './serviceHealth.ts'
import type { ChannelConnection, ChannelKind } from './channelConnection.ts'
import type { ChannelStats } from '../../types.ts'

/** Most channel keys kept; further ones share the `other` entry. */
export const MAX_CHANNELS = 50
/** Most distinct close codes counted per channel (codes are few; a buggy server could invent many). */
const MAX_CLOSE_CODES = 16

/** Aggregates of one WebSocket / EventSource key. */
export class ChannelEntry {
  connects = 0
  open = 0
  reconnects = 0
  ended = 0
  /** When a connection to this key first ended for good, -1 before. */
  firstEndedAt = -1
  messagesIn = 0
  messagesOut = 0
  bytesIn = 0
  bytesOut = 0
  errors = 0
  lastUrl = ''
  readonly closeCodes: Record<string, number> = {}
  readonly openTime = new Histogram()
  readonly roundTrip = new Histogram()
  readonly recentReconnects = new RollingCounter(60_000, 6)

  constructor(
    readonly key: string,
    readonly kind: ChannelKind,
  ) {}

  closed(code: number): void {
    const name = String(code)
    if (name in this.closeCodes || Object.keys(this.closeCodes).length < MAX_CLOSE_CODES) {
      this.closeCodes[name] = (this.closeCodes[name] ?? 0) + 1
    }
  }

  reconnected(t: number): void {
    this.reconnects++
    this.recentReconnects.add(t)
  }

  /**
   * Adds what happened on one connection since its last fold, and clears it there. The first fold counts the
   * connection; it is a reconnect when an earlier connection to this key had ended before it was created.
   */
  fold(connection: ChannelConnection): void {
    if (connection.entry === null) {
      connection.entry = this
      this.connects++
      if (this.firstEndedAt >= 0 && this.firstEndedAt <= connection.createdAt) this.reconnected(connection.createdAt)
    }
    for (const t of connection.reconnects) this.reconnected(t)
    for (const ms of connection.openTimes) this.openTime.add(ms)
    for (const ms of connection.roundTrips) this.roundTrip.add(ms)
    for (const code of connection.closeCodes) this.closed(code)
    this.open = Math.max(0, this.open + connection.openDelta)
    this.ended += connection.endedCount
    if (connection.endedAt >= 0 && (this.firstEndedAt < 0 || connection.endedAt < this.firstEndedAt)) {
      this.firstEndedAt = connection.endedAt
    }
    this.messagesIn += connection.messagesIn
    this.messagesOut += connection.messagesOut
    this.bytesIn += connection.bytesIn
    this.bytesOut += connection.bytesOut
    this.errors += connection.errors
    connection.openDelta = connection.endedCount = connection.errors = 0
    connection.messagesIn = connection.messagesOut = connection.bytesIn = connection.bytesOut = 0
    if (connection.reconnects.length > 0) connection.reconnects = []
    if (connection.openTimes.length > 0) connection.openTimes = []
    if (connection.roundTrips.length > 0) connection.roundTrips = []
    if (connection.closeCodes.length > 0) connection.closeCodes = []
  }

  stats(t: number, storm: readonly [number, number]): ChannelStats {
    const recent = this.recentReconnects.total(t)
    const verdict = channelHealth(recent, storm)
    return {
      key: this.key,
      kind: this.kind,
      connects: this.connects,
      open: this.open,
      reconnects: this.reconnects,
      reconnectsLastMinute: recent,
      openTime: this.openTime.summary(),
      messagesIn: this.messagesIn,
      messagesOut: this.messagesOut,
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
      errors: this.errors,
      closeCodes: { ...this.closeCodes },
      roundTrip: this.roundTrip.summary(),
      health: verdict.health,
      healthReason: verdict.reason,
      lastUrl: this.lastUrl,
    }
  }
}

/** The bounded table of channels. */
export class ChannelTable {
  private readonly entries = new Map<string, ChannelEntry>()

  entry(key: string, kind: ChannelKind): ChannelEntry {
    let entry = this.entries.get(key)
    if (entry) return entry
    if (this.entries.size >= MAX_CHANNELS) key = `${kind === 'websocket' ? 'WS' : 'SSE'} other`
    entry = this.entries.get(key)
    if (!entry) this.entries.set(key, (entry = new ChannelEntry(key, kind)))
    return entry
  }

  stats(t: number, storm: readonly [number, number]): ChannelStats[] {
    return [...this.entries.values()].map((e) => e.stats(t, storm))
  }
}
