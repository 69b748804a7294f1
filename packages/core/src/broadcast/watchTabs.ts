import { MAX_TABS, TAB_CHANNEL, TAB_PROTOCOL_VERSION, type SharedTab, type TabMessage } from './protocol.ts'
import { readSharedSnapshot, readTabMessage } from './readTabMessage.ts'
import { tabId } from './tabId.ts'

/** Options of {@link watchTabs}. */
export interface WatchTabsOptions {
  /** The channel's name (default `perfscope:tabs`), as the tabs share on it. */
  channel?: string
}

/** What {@link watchTabs} returns: the app's other tabs as they report in. */
export interface TabWatcher {
  /** The tabs that sent a valid snapshot and have not said goodbye, oldest first. */
  tabs(): readonly SharedTab[]
  /** Calls `listener` after each change of {@link TabWatcher.tabs}. Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void
  /** Says goodbye (the tabs stop publishing) and closes the channel. */
  close(): void
}

/**
 * Listens for the live snapshots of the app's other tabs on the same origin (those that called `shareSnapshots`,
 * as `<PerfOverlay/>` does). Sends `hello` at once, so tabs already open publish without waiting. Every message
 * is checked for shape and size before use; a malformed one is ignored. Outside a browser, or without
 * `BroadcastChannel`, it watches nothing.
 */
export function watchTabs(options: WatchTabsOptions = {}): TabWatcher {
  const listeners = new Set<() => void>()
  let list: readonly SharedTab[] = []
  if (typeof BroadcastChannel === 'undefined' || typeof window === 'undefined') {
    return { tabs: () => list, subscribe: () => () => {}, close: () => {} }
  }
  const channel = new BroadcastChannel(options.channel ?? TAB_CHANNEL)
  const page = tabId()
  const tabs = new Map<string, SharedTab>()
  let closed = false
  const post = (message: TabMessage) => {
    try {
      channel.postMessage(message)
    } catch {
      // Closed while the page goes away.
    }
  }
  const changed = () => {
    list = [...tabs.values()]
    for (const listener of listeners) listener()
  }

  channel.onmessage = (event: MessageEvent) => {
    const message = readTabMessage(event.data)
    if (!message) return
    if (message.type === 'announce') post({ v: TAB_PROTOCOL_VERSION, type: 'hello', page })
    else if (message.type === 'bye') {
      if (tabs.delete(message.tab)) changed()
    } else if (message.type === 'snapshot') {
      if (!tabs.has(message.tab) && tabs.size >= MAX_TABS) return
      const snapshot = readSharedSnapshot(message.json)
      if (!snapshot) return
      tabs.set(message.tab, {
        id: message.tab,
        title: message.title,
        page: message.path,
        receivedAt: Date.now(),
        snapshot,
      })
      post({ v: TAB_PROTOCOL_VERSION, type: 'ack', page, tab: message.tab })
      changed()
    }
  }
  const onPageHide = () => post({ v: TAB_PROTOCOL_VERSION, type: 'leave', page })
  window.addEventListener('pagehide', onPageHide)
  post({ v: TAB_PROTOCOL_VERSION, type: 'hello', page })

  return {
    tabs: () => list,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      if (closed) return
      closed = true
      window.removeEventListener('pagehide', onPageHide)
      post({ v: TAB_PROTOCOL_VERSION, type: 'leave', page })
      channel.close()
      listeners.clear()
    },
  }
}
