import { ANNOUNCEMENT_NAME, parseAnnouncement, type Announcement } from './announcement.ts'

/**
 * An origin's announcement, once read, is read again from its responses at most this often. Reading an entry's
 * `serverTiming` builds its list of metrics anew, per response: for an app polling 20 times a second that was most
 * of the transport's cost. A server that changes what it announces (restarted with other limits) is heard within
 * this time; until then its batches stay within the limits it announced before.
 */
export const ANNOUNCEMENT_REREAD_MS = 10_000

const SLASH = 47

/** The parts of a navigation or resource timing entry the announcement is read from. */
export type AnnouncingEntry = Pick<PerformanceResourceTiming, 'name' | 'startTime'> & {
  serverTiming?: readonly Pick<PerformanceServerTiming, 'name' | 'description'>[]
}

/** Where announcements go: the piggyback keeps those of the origins it may send to. */
export interface AnnouncementSink {
  announce(origin: string, announcement: Announcement): void
  announcementOf(origin: string): Announcement | undefined
}

/**
 * Reads the servers' batch announcements from timing entries and hands them to the sink. A server repeats the same
 * announcement on every response, so each distinct text is parsed once, and an origin already heard is skipped
 * for {@link ANNOUNCEMENT_REREAD_MS}.
 */
export class AnnouncementReader {
  private lastDescription: string | null = null
  private lastAnnouncement: Announcement | null = null
  private lastOrigin: string | null = null
  /** When each origin the sink keeps last had its announcement read; as small as the sink's list of origins. */
  private readonly readAt = new Map<string, number>()
  /** {@link freshUntil} of the sole origin, kept as a field: {@link skips} reads it once per app request. */
  private soleFreshUntil = -Infinity

  /**
   * @param soleOrigin the one origin batches may go to (the page's, when no other is allowed), or null. Entries of
   * requests started while its announcement is fresh are then skipped whole ({@link skips}), whatever their origin.
   */
  constructor(
    private readonly sink: AnnouncementSink,
    private readonly soleOrigin: string | null = null,
  ) {}

  /**
   * True when `entries` need no reading: they are of requests started while the sole origin's announcement was
   * fresh. Checked before anything else, so an app that polls pays next to nothing per response for announcements.
   */
  skips(entries: readonly AnnouncingEntry[]): boolean {
    return entries.length > 0 && entries[entries.length - 1]!.startTime < this.soleFreshUntil
  }

  /** Reads the announcements in `entries`, observed at time `t` (ms, any monotonic clock). */
  read(entries: readonly AnnouncingEntry[], t: number): void {
    for (const entry of entries) {
      if (this.readRecently(entry.name, t)) continue
      const timings = entry.serverTiming
      if (!timings || timings.length === 0) continue
      for (const timing of timings) {
        if (timing.name !== ANNOUNCEMENT_NAME) continue
        if (timing.description !== this.lastDescription) {
          this.lastDescription = timing.description
          this.lastAnnouncement = parseAnnouncement(timing.description)
        }
        if (!this.lastAnnouncement) continue
        const origin = this.originOf(entry.name)
        this.sink.announce(origin, this.lastAnnouncement)
        if (this.sink.announcementOf(origin)) this.readAt.set(origin, t)
        else this.readAt.delete(origin)
        if (origin === this.soleOrigin) this.soleFreshUntil = this.freshUntil(origin)
      }
    }
  }

  /**
   * Until when `origin`'s announcement counts as fresh (its responses are not read again before), on the clock
   * `read()` was given; -Infinity while the sink keeps none for it.
   */
  freshUntil(origin: string): number {
    const at = this.readAt.get(origin)
    return at === undefined ? -Infinity : at + ANNOUNCEMENT_REREAD_MS
  }

  private readRecently(url: string, t: number): boolean {
    // Most entries are of the origin heard last: one lookup, no iteration.
    const last = this.lastOrigin
    if (last !== null && isOn(url, last)) {
      const at = this.readAt.get(last)
      if (at !== undefined) return t - at < ANNOUNCEMENT_REREAD_MS
    }
    for (const [origin, at] of this.readAt) if (t - at < ANNOUNCEMENT_REREAD_MS && isOn(url, origin)) return true
    return false
  }

  private originOf(url: string): string {
    const last = this.lastOrigin
    if (last !== null && isOn(url, last)) return last
    return (this.lastOrigin = new URL(url).origin)
  }
}

/** Whether `url` (absolute, as timing entries name it) is on `origin`, compared as text. */
function isOn(url: string, origin: string): boolean {
  return url.startsWith(origin) && url.charCodeAt(origin.length) === SLASH
}
