import { Histogram } from '../../stats/histogram.ts'
import { RollingCounter } from '../../stats/rollingCounter.ts'
import { channelHealth } from './serviceHealth.ts'
import type { ChannelStats } from '../../types.ts'

/** Most channel keys kept; further ones share the `other` entry. */
export const MAX_CHANNELS = 50
/** Most distinct close codes counted per channel (codes are few; a buggy server could invent many). */
const MAX_CLOSE_CODES = 16
/** Sent messages remembered to recognise an echo (round-trip time). */
const ECHO_SLOTS = 4
/** Longest message compared for an echo; longer ones are not timed (comparing is the cost). */
const ECHO_MAX_LENGTH = 1024

export type ChannelKind = ChannelStats['kind']

/** Aggregates of one WebSocket / EventSource key. */
export class ChannelEntry {
  connects = 0
  open = 0
  reconnects = 0
  ended = 0
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

/**
 * One live connection's bookkeeping: when it was created and opened, whether it has ended, and the last few
 * messages it sent (to time the server's echo).
 */
export class ChannelConnection {
  openedAt = -1
  ended = false
  private readonly sent: (string | null)[] = new Array<string | null>(ECHO_SLOTS).fill(null)
  private readonly sentAt = new Float64Array(ECHO_SLOTS)
  private next = 0

  constructor(
    readonly entry: ChannelEntry,
    readonly createdAt: number,
  ) {}

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

/** Bytes of a message payload where they are known without copying it (string length counts UTF-16 units). */
export function payloadSize(data: unknown): number {
  if (typeof data === 'string') return data.length
  if (data instanceof ArrayBuffer) return data.byteLength
  if (ArrayBuffer.isView(data)) return data.byteLength
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data.size
  return 0
}
