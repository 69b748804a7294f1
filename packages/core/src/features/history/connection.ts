import { promisifyRequest, type UseStore } from 'idb-keyval'

/** Attempts per operation when the connection was lost under it (docs/compatibility.md case 32); then the error goes to the caller. */
export const MAX_CONNECTION_ATTEMPTS = 3

/** Errors an operation gets from a connection that is closing or was closed by the browser or by a `versionchange`. */
const CONNECTION_LOST = new Set(['InvalidStateError', 'AbortError', 'UnknownError', 'TransactionInactiveError'])

function openDatabase(dbName: string, storeName: string, version?: number): Promise<IDBDatabase> {
  const request = indexedDB.open(dbName, version)
  request.onupgradeneeded = () => {
    if (!request.result.objectStoreNames.contains(storeName)) request.result.createObjectStore(storeName)
  }
  return promisifyRequest(request).then((db) => {
    if (db.objectStoreNames.contains(storeName)) return db
    // Someone else upgraded the database without our store: add it with one more upgrade.
    const next = db.version + 1
    db.close()
    return openDatabase(dbName, storeName, next)
  })
}

/**
 * An idb-keyval custom store over our own connection, which idb-keyval's `createStore` does not manage:
 * it closes on `versionchange`, so another tab's (or a newer perfscope's) upgrade is never blocked by us
 * (docs/compatibility.md case 31), and an operation that finds the connection closed reopens it and tries again, a bounded
 * number of times (docs/compatibility.md case 32). Nothing is opened until the first operation.
 */
export function connectStore(dbName: string, storeName: string): UseStore {
  let connection: Promise<IDBDatabase> | null = null
  const connect = (): Promise<IDBDatabase> => {
    if (connection) return connection
    const current = openDatabase(dbName, storeName).then((db) => {
      db.onversionchange = () => {
        db.close()
        if (connection === current) connection = null
      }
      db.onclose = () => {
        if (connection === current) connection = null
      }
      return db
    })
    current.catch(() => {
      if (connection === current) connection = null
    })
    connection = current
    return current
  }
  return async (mode, callback) => {
    for (let attempt = 1; ; attempt++) {
      const used = connect()
      try {
        const db = await used
        return await callback(db.transaction(storeName, mode).objectStore(storeName))
      } catch (error) {
        const lost = error instanceof DOMException && CONNECTION_LOST.has(error.name)
        if (!lost || attempt >= MAX_CONNECTION_ATTEMPTS) throw error
        if (connection === used) connection = null
      }
    }
  }
}
