import { del, get, keys, set, setMany, type UseStore } from 'idb-keyval'
import type { MonitorAlert } from '../budgets/alerts.ts'
import type { PerfReport } from '../export/report.ts'
import { connectStore } from './connection.ts'
import type { HistoryStatus } from '../../types.ts'
export type { HistoryStatus }

/** Our own database and object store: never idb-keyval's default store, which the app may use (docs/compatibility.md case 33). */
export const HISTORY_DB = 'perfscope'
export const HISTORY_STORE = 'history'
/** A blocked or hanging open gives up after this long and falls back to memory (docs/compatibility.md case 31). */
export const OPEN_TIMEOUT_MS = 3000

/** A key-value backend; IndexedDB through idb-keyval, or a Map. */
export interface HistoryBackend {
  get(key: string): Promise<unknown>
  set(key: string, value: unknown): Promise<void>
  /** Several keys in one transaction (one IndexedDB round trip instead of one per key). */
  setMany(entries: [string, unknown][]): Promise<void>
  del(key: string): Promise<void>
  keys(): Promise<string[]>
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms)
    promise.then(
      (v) => {
        clearTimeout(timer)
        resolve(v)
      },
      (e: unknown) => {
        clearTimeout(timer)
        reject(e)
      },
    )
  })
}

export class MemoryBackend implements HistoryBackend {
  readonly map = new Map<string, unknown>()
  async get(key: string) {
    return this.map.get(key)
  }
  async set(key: string, value: unknown) {
    this.map.set(key, value)
  }
  async setMany(entries: [string, unknown][]) {
    for (const [key, value] of entries) this.map.set(key, value)
  }
  async del(key: string) {
    this.map.delete(key)
  }
  async keys() {
    return [...this.map.keys()]
  }
}

class IdbBackend implements HistoryBackend {
  constructor(private readonly store: UseStore) {}
  get(key: string) {
    return withTimeout(get(key, this.store), OPEN_TIMEOUT_MS, 'IndexedDB')
  }
  set(key: string, value: unknown) {
    return withTimeout(set(key, value, this.store), OPEN_TIMEOUT_MS, 'IndexedDB')
  }
  setMany(entries: [string, unknown][]) {
    return withTimeout(setMany(entries, this.store), OPEN_TIMEOUT_MS, 'IndexedDB')
  }
  del(key: string) {
    return withTimeout(del(key, this.store), OPEN_TIMEOUT_MS, 'IndexedDB')
  }
  async keys() {
    return (await withTimeout(keys(this.store), OPEN_TIMEOUT_MS, 'IndexedDB')).map(String)
  }
}

/**
 * Opens the IndexedDB backend and proves it works with one read, the stored keys, which start-up needs anyway;
 * anything that throws, rejects or hangs (no `indexedDB`, private mode, a blocked upgrade) answers with the reason
 * instead, and history stays in memory.
 */
export async function openHistoryBackend(): Promise<{
  backend: HistoryBackend
  status: HistoryStatus
  reason: string | null
  keys: string[]
}> {
  try {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available in this context')
    const backend = new IdbBackend(connectStore(HISTORY_DB, HISTORY_STORE))
    return { backend, status: 'indexeddb', reason: null, keys: await backend.keys() }
  } catch (error) {
    return {
      backend: new MemoryBackend(),
      status: 'memory',
      reason: error instanceof Error ? error.message : String(error),
      keys: [],
    }
  }
}

/**
 * A stored day: the day's last report, without the request detail (kept apart for 30 days), and the alerts
 * the session saw (started, and ended if they recovered).
 */
export type DayRecord = Omit<PerfReport, 'requests'> & { date: string; alerts?: MonitorAlert[] }

/** True for a record that has the shape of a day; anything else is skipped and counted, never fatal. */
export function isDayRecord(value: unknown): value is DayRecord {
  const v = value as Partial<DayRecord> | null
  return (
    typeof v === 'object' &&
    v !== null &&
    v.schema === 'perfscope-report' &&
    typeof v.date === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(v.date) &&
    typeof v.vitals === 'object' &&
    Array.isArray(v.endpoints)
  )
}
