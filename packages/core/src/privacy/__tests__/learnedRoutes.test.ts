import { describe, expect, it } from 'vitest'
import { NetworkCollector } from '../../features/network/networkCollector.ts'
import { resolveNetworkOptions } from '../../features/network/compiledNetworkOptions.ts'
import type { NetworkOptions } from '../../features/network/networkOptions.ts'
import { NetworkRecorder } from '../../features/network/recorder.ts'
import { kernelContext } from '../../kernel/__tests__/kernelContext.ts'

function collector(options: NetworkOptions = {}): NetworkCollector {
  const context = kernelContext()
  return new NetworkCollector(context, resolveNetworkOptions(options), new NetworkRecorder(context, 0))
}

/** Names no placeholder rule catches: people's handles as plain words. */
const people = Array.from(
  { length: 40 },
  (_, i) => `member-${['anna', 'ben', 'cleo', 'dan', 'eve'][i % 5]}-${'abcdefgh'[Math.floor(i / 5)]}`,
)

describe('route learning in the collector', () => {
  it('keys a position that shows many distinct values as :param, for new and already cached URLs', () => {
    const c = collector({ learnRoutes: 10 })
    const first = c.target(`/api/people/${people[0]}/posts?page=1`)
    expect(first.route).toBe(`/api/people/${people[0]}/posts`)
    const routes = people.map((name) => c.target(`/api/people/${name}/posts?page=1`).route)
    expect(new Set(routes.slice(10))).toEqual(new Set(['/api/people/:param/posts']))
    expect(c.target(`/api/people/${people[0]}/posts?page=1`).route).toBe('/api/people/:param/posts')
    expect(new Set(routes).size).toBeLessThanOrEqual(10)
  })

  it('leaves app route templates alone and learns nothing when turned off', () => {
    const templated = collector({ learnRoutes: 10, routes: ['/api/people/:name/posts'] })
    expect(new Set(people.map((name) => templated.target(`/api/people/${name}/posts`).route))).toEqual(
      new Set(['/api/people/:name/posts']),
    )
    const off = collector({ learnRoutes: false })
    expect(new Set(people.map((name) => off.target(`/api/people/${name}`).route)).size).toBe(people.length)
  })

  it('refuses a learnRoutes that is not false or an integer of at least 2', () => {
    expect(() => resolveNetworkOptions({ learnRoutes: 1 })).toThrow(/network\.learnRoutes/)
    expect(() => resolveNetworkOptions({ learnRoutes: true as never })).toThrow(/network\.learnRoutes/)
  })
})
