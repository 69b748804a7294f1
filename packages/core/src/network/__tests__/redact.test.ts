import { describe, expect, it } from 'vitest'
import { REDACTED, redactParams, redactUrl, secretKeyMatcher } from '../redact.ts'

const isSecret = secretKeyMatcher()

describe('redactUrl() (pitfall 34)', () => {
  it('replaces secret query values and keeps the rest with its encoding', () => {
    expect(redactUrl('https://a.test/x?page=2&access_token=abc&q=a%20b&apiKey=k&sig=s', isSecret)).toBe(
      `https://a.test/x?page=2&access_token=${REDACTED}&q=a%20b&apiKey=${REDACTED}&sig=${REDACTED}`,
    )
  })

  it('drops credentials and redacts a parameter fragment, keeping a plain one', () => {
    expect(redactUrl('https://user:pass@a.test/cb#id_token=t&state=1', isSecret)).toBe(`https://a.test/cb#id_token=${REDACTED}&state=1`)
    expect(redactUrl('https://a.test/docs#section-2', isSecret)).toBe('https://a.test/docs#section-2')
  })

  it('takes extra names and patterns, case-insensitively for names', () => {
    const custom = secretKeyMatcher(['Tenant', /^x-/])
    expect(redactParams('tenant=acme&x-id=1&y=2', custom)).toBe(`tenant=${REDACTED}&x-id=${REDACTED}&y=2`)
  })

  it('reduces a string that does not parse to its part before ? and #', () => {
    expect(redactUrl('not a url?token=x#y', isSecret)).toBe('not a url')
  })
})
