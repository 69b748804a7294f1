import { describe, expect, it } from 'vitest'
import { endpointKey, routeOfUrl, routeOfPath } from '../endpointKey.ts'
import { compileRoutes } from '../compiledNetworkOptions.ts'
import { segmentPlaceholder } from '../../../privacy/segmentPlaceholder.ts'

const ORIGIN = 'https://app.example'

describe('endpointKey()', () => {
  it('normalises numbers, UUIDs, hashes and opaque tokens in paths to :id', () => {
    expect(routeOfPath('/api/users/123')).toBe('/api/users/:id')
    expect(routeOfPath('/api/orders/9b2c4d6e-1234-4abc-8def-0123456789ab/items')).toBe('/api/orders/:id/items')
    expect(routeOfPath('/blobs/5f2b8c9e1a3d4f60a7b8c9d0')).toBe('/blobs/:id')
    expect(routeOfPath('/share/aB3dE5gH7jK9mN1pQ3sT5v')).toBe('/share/:id')
  })

  it('keeps ordinary words, versions and short names as they are', () => {
    expect(routeOfPath('/api/v2/users/me')).toBe('/api/v2/users/me')
    expect(routeOfPath('/static/main.css')).toBe('/static/main.css')
    expect(['users', 'v1', 'deadbeef', 'settings-page'].map(segmentPlaceholder)).toEqual([null, null, null, null])
  })

  it('keys same-origin calls by path and other origins with their origin, never with the query', () => {
    expect(endpointKey('get', routeOfUrl(new URL('https://app.example/api/users/7?token=x'), ORIGIN))).toBe(
      'GET /api/users/:id',
    )
    expect(endpointKey('POST', routeOfUrl(new URL('https://api.other/v1/items/42#frag'), ORIGIN))).toBe(
      'POST https://api.other/v1/items/:id',
    )
  })

  it('uses app route templates before the built-in rules', () => {
    const routes = compileRoutes(['/api/teams/:team/members', '/files/*'])
    expect(endpointKey('GET', routeOfUrl(new URL('https://app.example/api/teams/core/members'), ORIGIN, routes))).toBe(
      'GET /api/teams/:team/members',
    )
    expect(endpointKey('GET', routeOfUrl(new URL('https://app.example/files/a/b/c.txt'), ORIGIN, routes))).toBe(
      'GET /files/*',
    )
    expect(endpointKey('GET', routeOfUrl(new URL('https://app.example/api/teams/core'), ORIGIN, routes))).toBe(
      'GET /api/teams/core',
    )
  })
})
