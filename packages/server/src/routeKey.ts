const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const NUMBER = /^\d+$/
const HASH = /^[0-9a-f]{16,}$/i

/** `GET /api/users/:id` for `GET /api/users/42?x=1`: ids, UUIDs and hashes in the path become `:id`. */
export function routeKey(method: string | undefined, url: string | undefined): string {
  const path = (url ?? '/').split(/[?#]/, 1)[0] || '/'
  const normalised = path
    .split('/')
    .map((segment) => (NUMBER.test(segment) || UUID.test(segment) || HASH.test(segment) ? ':id' : segment))
    .join('/')
  return `${(method ?? 'GET').toUpperCase()} ${normalised}`
}
