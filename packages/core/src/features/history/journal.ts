import { REQUEST_LOG_SIZE } from '../export/requestLog.ts'
import type { HistoryBackend } from './historyStore.ts'
import { isDayRecord } from './historyStore.ts'

/** localStorage keys of the journal: one per page session, `perfscope:journal:<session>`. */
export const JOURNAL_PREFIX = 'perfscope:journal:'
/**
 * Largest journal written, in UTF-16 code units (what localStorage counts; browsers give an origin about 5 M).
 * A record with its request detail over this is journaled without the detail, and over it even then, not at all.
 */
export const MAX_JOURNAL_CHARS = 256 * 1024
/** Journals folded at one start; more (left by many crashed pages) wait for the next start. */
export const MAX_JOURNALS_FOLDED = 16

const SESSION_KEY = /^(day|detail):\d{4}-\d{2}-\d{2}:[a-z0-9]{1,16}$/

/** What a page session journals: its day record, and the request detail when it fits. */
export interface JournalEntry {
  dayKey: string
  day: unknown
  detailKey: string
  detail: unknown[] | null
}

/** The page's localStorage, or null where it is missing or blocked. */
export function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    // A sandboxed frame or blocked storage throws on the mere access.
    return null
  }
}

/**
 * Writes the session's latest record synchronously, for `pagehide`: an IndexedDB write started there may never
 * finish (a reload or a navigation tears the page down first), a localStorage write has finished when it returns.
 * Returns false when storage is unavailable, full, or the record is too large.
 */
export function writeJournal(session: string, entry: JournalEntry): boolean {
  const store = storage()
  if (!store) return false
  let text = JSON.stringify(entry)
  if (text.length > MAX_JOURNAL_CHARS) text = JSON.stringify({ ...entry, detail: null })
  if (text.length > MAX_JOURNAL_CHARS) return false
  try {
    store.setItem(JOURNAL_PREFIX + session, text)
    return true
  } catch {
    return false
  }
}

/** Drops the session's journal once IndexedDB holds at least as much. */
export function removeJournal(session: string): void {
  try {
    storage()?.removeItem(JOURNAL_PREFIX + session)
  } catch {
    // Storage went away: the next start folds or discards the journal.
  }
}

/**
 * Moves every journal left by earlier pages into the store, each only where it is newer than what the store
 * holds under its key (the page's last IndexedDB write may have finished after all), then removes it. Anything
 * that is not a well-formed record of ours is discarded. `keys` are the keys the store holds: a day they do not
 * hold is not read back before it is written, and each journal is written in one transaction, since a reload
 * leaves a journal behind and every start-up folds it. Returns how many journals were folded in and the store's
 * keys after that.
 */
export async function foldJournals(
  backend: HistoryBackend,
  skip: string,
  keys: readonly string[],
): Promise<{ folded: number; keys: string[] }> {
  const after = [...keys]
  const store = storage()
  if (!store) return { folded: 0, keys: after }
  const journals: string[] = []
  for (let i = 0; i < store.length && journals.length < MAX_JOURNALS_FOLDED; i++) {
    const key = store.key(i)
    if (key?.startsWith(JOURNAL_PREFIX) && key !== JOURNAL_PREFIX + skip) journals.push(key)
  }
  let folded = 0
  for (const key of journals) {
    const text = store.getItem(key)
    store.removeItem(key)
    const entry = parse(text)
    if (!entry) continue
    const held = after.includes(entry.dayKey)
    const stored = held ? await backend.get(entry.dayKey) : undefined
    if (isDayRecord(stored) && stored.generatedAt >= (entry.day as { generatedAt: string }).generatedAt) continue
    const writes: [string, unknown][] = [[entry.dayKey, entry.day]]
    if (entry.detail) writes.push([entry.detailKey, entry.detail])
    await backend.setMany(writes)
    for (const [written] of writes) if (!after.includes(written)) after.push(written)
    folded++
  }
  return { folded, keys: after }
}

function parse(text: string | null): JournalEntry | null {
  if (text === null || text.length > MAX_JOURNAL_CHARS) return null
  try {
    const entry = JSON.parse(text) as Partial<JournalEntry>
    if (typeof entry.dayKey !== 'string' || !SESSION_KEY.test(entry.dayKey) || !entry.dayKey.startsWith('day:'))
      return null
    if (typeof entry.detailKey !== 'string' || entry.detailKey !== `detail:${entry.dayKey.slice(4)}`) return null
    if (!isDayRecord(entry.day) || typeof entry.day.generatedAt !== 'string') return null
    const detail = Array.isArray(entry.detail) && entry.detail.length <= REQUEST_LOG_SIZE ? entry.detail : null
    return { dayKey: entry.dayKey, day: entry.day, detailKey: entry.detailKey, detail }
  } catch {
    return null
  }
}
