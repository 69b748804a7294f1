import type { Monitor } from '../createMonitor.ts'
import { routeOfPath } from '../features/network/endpointKey.ts'
import type { Snapshot } from '../types.ts'
import {
  MAX_PATH_CHARS,
  MAX_SHARED_CHANNELS,
  MAX_SHARED_ENDPOINTS,
  MAX_SNAPSHOT_CHARS,
  MAX_TABS,
  MAX_TITLE_CHARS,
  PUBLISH_INTERVAL_MS,
  SHARED_FIELDS,
  TAB_CHANNEL,
  TAB_PROTOCOL_VERSION,
  type SharedSnapshot,
  type TabMessage,
} from './protocol.ts'
import { readTabMessage } from './readTabMessage.ts'
import { tabId } from './tabId.ts'

/** Options of {@link shareSnapshots}. */
export interface ShareSnapshotsOptions {
  /** The channel's name (default `perfscope:tabs`); pages must watch the same one. */
  channel?: string
}

/** A listening page stops counting when it missed this many `ack`s in a row (it closed without saying so). */
const MISSED_ACKS_LIMIT = 2

/**
 * Lets a `/dev/performance` page in another tab of the same origin show this tab's live data. Nothing is sent
 * while no page listens: the tab announces itself once, and publishes only after a page said `hello`, on the
 * monitor's own store updates (never from a timer of its own), at most once a second, and each time only after a
 * listening page acknowledged the previous snapshot. While a page listens the monitor counts as watched, so its
 * figures move at the overlay's pace rather than the unwatched one. Returns the function that stops sharing. Does
 * nothing where `BroadcastChannel` is missing (and outside a browser).
 */
export function shareSnapshots(monitor: Monitor, options: ShareSnapshotsOptions = {}): () => void {
  if (typeof BroadcastChannel === 'undefined' || typeof window === 'undefined') return () => {}
  const channel = new BroadcastChannel(options.channel ?? TAB_CHANNEL)
  const tab = tabId()
  const pages = new Map<string, { acked: boolean; missed: number }>()
  let unsubscribe: (() => void) | null = null
  let endWatch: (() => void) | null = null
  let dirty = false
  let lastSent = -Infinity
  let timer: ReturnType<typeof setTimeout> | null = null
  let stopped = false

  const post = (message: TabMessage) => {
    try {
      channel.postMessage(message)
    } catch {
      // A closed channel (the page is going away): nothing to tell anyone.
    }
  }

  const send = () => {
    dirty = false
    lastSent = Date.now()
    for (const [page, state] of pages) {
      if (!state.acked && ++state.missed >= MISSED_ACKS_LIMIT) pages.delete(page)
      state.acked = false
    }
    if (pages.size === 0) return quiet()
    post({
      v: TAB_PROTOCOL_VERSION,
      type: 'snapshot',
      tab,
      title: document.title.slice(0, MAX_TITLE_CHARS),
      path: routeOfPath(location.pathname).slice(0, MAX_PATH_CHARS),
      json: encodeShared(monitor.snapshot()),
    })
  }

  const maybeSend = () => {
    if (stopped || !dirty || timer !== null) return
    let ready = false
    for (const state of pages.values()) ready ||= state.acked
    if (!ready) return
    const wait = lastSent + PUBLISH_INTERVAL_MS - Date.now()
    if (wait <= 0) return send()
    // One wake-up for changes that came too soon after the last snapshot; armed only while a page listens.
    timer = setTimeout(() => {
      timer = null
      maybeSend()
    }, wait)
  }

  const listen = () => {
    unsubscribe ??= monitor.subscribe(() => {
      dirty = true
      maybeSend()
    })
    // A page shows this tab live: the monitor publishes at its watched pace (and runs its live-only sources).
    endWatch ??= monitor.watch()
  }

  /** No page listens any more: drop the store subscription and any pending wake-up. */
  const quiet = () => {
    unsubscribe?.()
    unsubscribe = null
    endWatch?.()
    endWatch = null
    if (timer !== null) clearTimeout(timer)
    timer = null
  }

  channel.onmessage = (event: MessageEvent) => {
    const message = readTabMessage(event.data)
    if (!message) return
    if (message.type === 'hello') {
      if (!pages.has(message.page) && pages.size >= MAX_TABS) return
      pages.set(message.page, { acked: true, missed: 0 })
      listen()
      dirty = true
      maybeSend()
    } else if (message.type === 'leave') {
      pages.delete(message.page)
      if (pages.size === 0) quiet()
    } else if (message.type === 'ack' && message.tab === tab) {
      const state = pages.get(message.page)
      if (!state) return
      state.acked = true
      state.missed = 0
      maybeSend()
    }
  }

  const onPageHide = () => post({ v: TAB_PROTOCOL_VERSION, type: 'bye', tab })
  window.addEventListener('pagehide', onPageHide)
  post({ v: TAB_PROTOCOL_VERSION, type: 'announce', tab })

  return () => {
    if (stopped) return
    stopped = true
    quiet()
    window.removeEventListener('pagehide', onPageHide)
    post({ v: TAB_PROTOCOL_VERSION, type: 'bye', tab })
    channel.close()
  }
}

/** The shared parts of a snapshot as JSON, the busiest endpoints first, trimmed to stay under the size a page reads. */
export function encodeShared(snapshot: Snapshot): string {
  const shared = {} as Record<keyof SharedSnapshot, unknown>
  for (const field of SHARED_FIELDS) shared[field] = snapshot[field]
  let endpoints =
    snapshot.endpoints.length > MAX_SHARED_ENDPOINTS
      ? busiest(snapshot.endpoints, MAX_SHARED_ENDPOINTS)
      : snapshot.endpoints
  shared.channels = snapshot.channels.slice(0, MAX_SHARED_CHANNELS)
  for (;;) {
    shared.endpoints = endpoints
    const json = JSON.stringify(shared)
    if (json.length <= MAX_SNAPSHOT_CHARS || endpoints.length === 0) return json
    endpoints = busiest(endpoints, Math.floor(endpoints.length / 2))
  }
}

function busiest<T extends { count: number }>(list: readonly T[], n: number): T[] {
  return [...list].sort((a, b) => b.count - a.count).slice(0, n)
}
