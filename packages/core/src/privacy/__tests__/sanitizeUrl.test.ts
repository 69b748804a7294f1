import { describe, expect, it } from 'vitest'
import { queryPolicy } from '../queryPolicy.ts'
import { sanitizePath } from '../sanitizePath.ts'
import { sanitizeQuery, sanitizeUrl, UNPARSABLE_URL } from '../sanitizeUrl.ts'

describe('sanitizeUrl()', () => {
  it('drops userinfo, the fragment and every query value, keeping the names', () => {
    expect(sanitizeUrl('https://user:pass@a.test/cb?page=2&access_token=abc#id_token=t&state=1')).toBe(
      'https://a.test/cb?page&access_token',
    )
  })

  it('replaces ids, tokens and e-mail addresses in the path and drops ; parameters', () => {
    expect(sanitizeUrl('https://a.test/users/jane%40example.com/orders/42;jsessionid=ABC123/items')).toBe(
      'https://a.test/users/:email/orders/:id/items',
    )
    expect(sanitizeUrl('https://a.test/verify/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-part_x')).toBe(
      'https://a.test/verify/:token',
    )
  })

  it('keeps allow-listed values, but never a secret-named one, and sanitises URLs inside them', () => {
    const policy = queryPolicy(['page', 'redirect', /^utm_/, 'access_token'])
    expect(sanitizeUrl('https://a.test/x?page=2&utm_source=mail&access_token=abc&q=secret', policy)).toBe(
      'https://a.test/x?page=2&utm_source=mail&access_token&q',
    )
    const nested = `https://a.test/login?redirect=${encodeURIComponent('https://b.test/u/42?token=abc&page=3#frag')}`
    expect(sanitizeUrl(nested, policy)).toBe(
      `https://a.test/login?redirect=${encodeURIComponent('https://b.test/u/:id?token&page=3')}`,
    )
    expect(sanitizeUrl(`https://a.test/login?redirect=${encodeURIComponent('/next/42?page=1')}`, policy)).toBe(
      `https://a.test/login?redirect=${encodeURIComponent('/next/:id?page=1')}`,
    )
  })

  it('replaces a token or an e-mail address kept in an allow-listed value', () => {
    const policy = queryPolicy(['to', 'ref'])
    expect(
      sanitizeUrl('https://a.test/x?to=jane%40example.com&ref=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sigsigsig', policy),
    ).toBe('https://a.test/x?to=:email&ref=:token')
  })

  it('replaces query names that are themselves tokens, and bounds the number of parameters', () => {
    expect(sanitizeUrl('https://a.test/magic?c2VjcmV0LW1hZ2ljLWxpbmstdG9rZW4=')).toBe('https://a.test/magic?:token')
    const many = Array.from({ length: 100 }, (_, i) => `p${i}=1`).join('&')
    expect(sanitizeQuery(`?${many}`).split('&')).toHaveLength(32)
  })

  it('keeps the media type of a data: URL, sanitises a blob: URL and hides what does not parse', () => {
    expect(sanitizeUrl('data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB')).toBe('data:image/png')
    expect(sanitizeUrl('blob:https://a.test/9b2c4d6e-1234-4abc-8def-0123456789ab')).toBe('blob:https://a.test/:id')
    expect(sanitizeUrl('http://[bad?token=x')).toBe(UNPARSABLE_URL)
    expect(sanitizeUrl('mailto:jane@example.com')).toBe('mailto::email')
  })
})

describe('sanitizePath()', () => {
  it('returns the very string when nothing in it changes', () => {
    const path = '/api/v2/users/me'
    expect(sanitizePath(path)).toBe(path)
  })

  it('keeps empty segments and trailing slashes', () => {
    expect(sanitizePath('/a//42/')).toBe('/a//:id/')
  })
})
