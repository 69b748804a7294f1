/**
 * Imported first by a bench page, so it runs before any SDK module is evaluated: some SDKs patch `fetch` at import
 * time, not in their set-up call, and the harness must still know which function is the browser's own.
 */
export const nativeFetch: typeof fetch = window.fetch
