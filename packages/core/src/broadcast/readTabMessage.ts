import { BAD, str, type Shape } from '../lib/shape.ts'
import { MAX_ID_CHARS, MAX_PATH_CHARS, MAX_SNAPSHOT_CHARS, MAX_TITLE_CHARS, TAB_PROTOCOL_VERSION, type TabMessage } from './protocol.ts'

/** Ids, titles and paths are bounded; a snapshot's JSON text is bounded here and parsed only by `readSharedSnapshot`. */
const id = str(MAX_ID_CHARS)

const envelope: Shape<TabMessage> = (v) => {
  if (typeof v !== 'object' || v === null) return BAD
  const m = v as Record<string, unknown>
  if (m.v !== TAB_PROTOCOL_VERSION) return BAD
  switch (m.type) {
    case 'announce':
    case 'bye':
      return id(m.tab) === BAD ? BAD : { v: TAB_PROTOCOL_VERSION, type: m.type, tab: m.tab as string }
    case 'hello':
    case 'leave':
      return id(m.page) === BAD ? BAD : { v: TAB_PROTOCOL_VERSION, type: m.type, page: m.page as string }
    case 'ack':
      return id(m.page) === BAD || id(m.tab) === BAD ? BAD : { v: TAB_PROTOCOL_VERSION, type: 'ack', page: m.page as string, tab: m.tab as string }
    case 'snapshot':
      if (id(m.tab) === BAD || str(MAX_TITLE_CHARS)(m.title) === BAD || str(MAX_PATH_CHARS)(m.path) === BAD) return BAD
      if (str(MAX_SNAPSHOT_CHARS)(m.json) === BAD) return BAD
      return { v: TAB_PROTOCOL_VERSION, type: 'snapshot', tab: m.tab as string, title: m.title as string, path: m.path as string, json: m.json as string }
    default:
      return BAD
  }
}

/** A received message with the right shape and bounded sizes, or null (ignored). */
export function readTabMessage(data: unknown): TabMessage | null {
  const message = envelope(data)
  return message === BAD ? null : message
}
