import { routeOfPath } from '@perfscope/core'

/** `GET /api/users/:id` for `GET /api/users/42?x=1`: the same endpoint keys the browser side uses. */
export function routeKey(method: string | undefined, url: string | undefined): string {
  const path = (url ?? '/').split(/[?#]/, 1)[0] || '/'
  return `${(method ?? 'GET').toUpperCase()} ${routeOfPath(path)}`
}
