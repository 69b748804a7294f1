import { endpointKey, routeOfPath } from '@perfscope/core'

/**
 * The endpoint key of a request, `GET /api/users/:id` for `GET /api/users/42?x=1`. When the framework names the
 * matched route (`template`: Express's `req.route.path`, Fastify's `routeOptions.url`, Hono's `routePath`, a
 * Next.js route file's path), that name is used as is; otherwise the path goes through the same normaliser the
 * browser side uses, so ids, tokens and e-mail addresses become placeholders.
 */
export function routeKey(method: string | undefined, url: string | undefined, template?: string | null): string {
  if (typeof template === 'string' && template !== '') return endpointKey(method ?? 'GET', template)
  const path = (url ?? '/').split(/[?#]/, 1)[0] || '/'
  return endpointKey(method ?? 'GET', routeOfPath(path))
}
