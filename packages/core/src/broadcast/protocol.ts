import type { Snapshot } from '../types.ts'

/**
 * The messages tabs of one origin exchange on a `BroadcastChannel` so that a `/dev/performance` page can show
 * what the app's other tabs measure. A publishing tab sends nothing until a page says it listens:
 *
 * - `announce` (a tab started sharing) and `bye` (it is going away) come from publishing tabs;
 * - `hello` (a page listens; sent when it opens and in answer to `announce`) and `leave` come from listening pages;
 * - `snapshot` (a publishing tab's data) is answered by an `ack` from each listening page, and a tab publishes
 *   its next snapshot only after an `ack`: a page that vanished without `leave` costs at most one more message.
 */

/** The channel's name; one per origin, since a `BroadcastChannel` never crosses origins. */
export const TAB_CHANNEL = 'perfscope:tabs'
/** Version of the messages; a message of another version is ignored. */
export const TAB_PROTOCOL_VERSION = 1
/** A tab publishes at most this often (the page's charts take one point a second). */
export const PUBLISH_INTERVAL_MS = 1000
/**
 * The longest snapshot message read, in characters of JSON; longer ones are dropped before parsing. A tab trims
 * its endpoint list to stay below it (see {@link MAX_SHARED_ENDPOINTS}).
 */
export const MAX_SNAPSHOT_CHARS = 1_000_000
/** Endpoints and channels one tab shares at most (the busiest ones). */
export const MAX_SHARED_ENDPOINTS = 300
export const MAX_SHARED_CHANNELS = 100
/** Tabs a page keeps track of at most; more are ignored until one leaves. */
export const MAX_TABS = 32

/** The parts of a snapshot a tab shares: what it measured, not its own settings or load runs. */
export const SHARED_FIELDS = [
  'vitals',
  'navigation',
  'paint',
  'routes',
  'longTasks',
  'longAnimationFrames',
  'layoutShifts',
  'events',
  'frames',
  'memory',
  'endpoints',
  'channels',
  'renders',
  'alerts',
  'overhead',
  'errors',
] as const satisfies readonly (keyof Snapshot)[]

/** What one tab shares of its snapshot. */
export type SharedSnapshot = Pick<Snapshot, (typeof SHARED_FIELDS)[number]>

/** One tab as a listening page knows it. */
export interface SharedTab {
  /** Random id of the publishing tab (new on every page load). */
  id: string
  /** The tab's `document.title` and path (origin and path only; no query or fragment). */
  title: string
  page: string
  /** `Date.now()` when its latest snapshot arrived. */
  receivedAt: number
  snapshot: SharedSnapshot
}

export type TabMessage =
  | { v: typeof TAB_PROTOCOL_VERSION; type: 'announce' | 'bye'; tab: string }
  | { v: typeof TAB_PROTOCOL_VERSION; type: 'hello' | 'leave'; page: string }
  | { v: typeof TAB_PROTOCOL_VERSION; type: 'ack'; page: string; tab: string }
  | { v: typeof TAB_PROTOCOL_VERSION; type: 'snapshot'; tab: string; title: string; path: string; json: string }

/** Longest id, title and path read from a message. */
export const MAX_ID_CHARS = 64
export const MAX_TITLE_CHARS = 200
export const MAX_PATH_CHARS = 2048
