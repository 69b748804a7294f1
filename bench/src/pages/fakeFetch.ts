/**
 * Imported first by the wrapper-only page: replaces `window.fetch` with a fake that resolves at once with a fresh
 * small JSON `Response`, before any SDK module runs, so an SDK wraps the fake and the time of a call is the
 * wrapper's own work plus the fake's (which native, wrapping nothing, pays too).
 */
const BODY = JSON.stringify({ ok: true, id: 42, status: 'ready', items: [1, 2, 3], pad: 'xxxxxx' })

/** The fake as it was installed, before any SDK could wrap it: what `fetchWrapped()` compares against. */
export const fakeFetch: typeof fetch = () =>
  Promise.resolve(new Response(BODY, { status: 200, headers: { 'content-type': 'application/json' } }))

window.fetch = fakeFetch
