import { describe, expect, it } from 'vitest'
import { endpointKey, routeOfUrl } from '../../features/network/endpointKey.ts'
import { keptUrl } from '../keptUrl.ts'
import { queryPolicy } from '../queryPolicy.ts'
import { sanitizeUrl } from '../sanitizeUrl.ts'
import { leakedSecrets, PRIVACY_CORPUS } from '../../../test/privacyCorpus.ts'

describe('the privacy corpus through the sanitiser', () => {
  it('holds at least 150 URLs', () => {
    expect(PRIVACY_CORPUS.length).toBeGreaterThanOrEqual(150)
  })

  it('keys every URL by the route it must have', () => {
    const wrong = PRIVACY_CORPUS.map(([url, route]) => [
      url,
      endpointKey('GET', routeOfUrl(new URL(url), new URL(url).origin)),
      `GET ${route}`,
    ]).filter(([, key, expected]) => key !== expected)
    expect(wrong).toEqual([])
  })

  it('keeps no secret in the sanitised URL, the lastUrl or the key, with or without an allow-list of harmless names', () => {
    // Values an app would keep to tell calls apart; the redirect-like ones carry URLs whose secrets must go.
    const broad = queryPolicy([
      'page',
      'sort',
      'format',
      'step',
      'lang',
      'scope',
      'variant',
      'redirect_uri',
      'next',
      'return_to',
      'url',
      'u',
      'src',
      'target',
      'service',
    ])
    const leaks = PRIVACY_CORPUS.flatMap(([url, route, secrets]) => {
      const origin = new URL(url).origin
      const texts = [sanitizeUrl(url), sanitizeUrl(url, broad), keptUrl(route, url, origin, true, broad), route]
      return leakedSecrets(texts.join(' '), secrets).map((secret) => `${secret} in ${url}`)
    })
    expect(leaks).toEqual([])
  })
})
