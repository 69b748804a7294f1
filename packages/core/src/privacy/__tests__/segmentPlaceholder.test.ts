import { describe, expect, it } from 'vitest'
import { segmentPlaceholder } from '../segmentPlaceholder.ts'

/** mulberry32: a seeded generator, so the random ids below are the same on every run. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const NANOID = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-0123456789'

function randomIds(
  alphabet: string,
  length: number,
  count: number,
  keep: (id: string) => boolean = () => true,
): string[] {
  const random = seeded(length * 7919 + alphabet.length)
  const ids: string[] = []
  while (ids.length < count) {
    let id = ''
    for (let i = 0; i < length; i++) id += alphabet[Math.floor(random() * alphabet.length)]
    if (keep(id)) ids.push(id)
  }
  return ids
}

/** Route words, slugs and names an app's paths really hold; none of them may become a placeholder. */
const ROUTE_WORDS =
  `users me settings profile api v1 v2 v3 graphql auth login logout callback oauth2 authorize token refresh
orders order-items line_items products categories search autocomplete suggestions notifications preferences
getUserPreferencesByAccountId resetPassword forgotPassword verifyEmailAddress accountSettings subscriptionManagement
dashboard analytics reports exports downloads uploads attachments thumbnails avatars images static assets
authentication-callback password-reset email-verification two-factor-authentication single-sign-on
my-first-blog-post-about-react how-to-build-a-performance-overlay introduction-to-typescript
healthcheck readiness liveness metrics performance-metrics webhooks stripe-webhook github-webhooks
organizations workspaces teams members invitations permissions roles administrators billing invoices payments
checkout shopping-cart wishlist recommendations trending featured-products bestsellers newsletter-signup
serviceWorkerRegistration manifest.json robots.txt sitemap.xml favicon.ico logo.svg openid-configuration
ExternalServiceConfiguration ShoppingCartController UserProfileService PaymentGatewayIntegration strengths rhythms
kubernetes-deployments elasticsearch postgresql mongodb-atlas redis-cluster rabbitmq-consumers
international-shipping-rates customer-support-tickets frequently-asked-questions terms-of-service privacy-policy
NYCTaxiTrips HTMLParserSettings XMLHttpRequestHandler getHTTPResponseCode parseJSONResponse OAuthCallbackHandler
Bundesministerium Rechtsschutzversicherung matchesStrictTransportSecurity main.css index.html app.js
base64url sha256sum x86_64 utf8mb4 v1beta1 h264 ipv6 iphone-15-pro page-2 item_42 covid19 web3 html5 2fa deadbeef`.split(
    /\s+/,
  )

describe('segmentPlaceholder()', () => {
  it('keeps route words, slugs, camelCase names and file names as they are', () => {
    expect(ROUTE_WORDS.filter((word) => segmentPlaceholder(word) !== null)).toEqual([])
  })

  it('turns numbers, UUIDs, ULIDs, ObjectIds, snowflakes, cuids and short hex into :id', () => {
    for (const id of [
      '42',
      '1234567890123456789',
      '9b2c4d6e-1234-4abc-8def-0123456789ab',
      '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      '507f1f77bcf86cd799439011',
      'cjld2cjxh0000qzrmn831i7rn',
      'V1StGXR8_Z5jdHi6B-myT',
      'a1b2c3d4',
      'order12345',
      'dQw4w9WgXcQ',
      '2024-05-01',
    ]) {
      expect([id, segmentPlaceholder(id)]).toEqual([id, ':id'])
    }
  })

  it('turns JWTs, base64 runs, long hex, long segments and random letters into :token', () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'
    for (const token of [
      jwt,
      'dGhpcyBpcyBhIHNlY3JldA==',
      'da39a3ee5e6b4b0d3255bfef95601890afd80709',
      'x'.repeat(65),
      'kQzPwXaBcDeFgHiJkLmNo',
      'qwxzvbnmkljhgfdsrtyp',
    ]) {
      expect([token, segmentPlaceholder(token)]).toEqual([token, ':token'])
    }
  })

  it('turns e-mail addresses into :email, encoded or not', () => {
    expect(segmentPlaceholder('jane.doe+news@example.co.uk')).toBe(':email')
    expect(segmentPlaceholder('jane.doe%40example.com')).toBe(':email')
  })

  it('names documents, media and archives :file with their extension, and keeps code and static assets', () => {
    expect(
      ['jane-doe-cv.pdf', 'IMG_2041.HEIC', 'db-dump.sql.gz', '507f1f77bcf86cd799439011.png'].map(segmentPlaceholder),
    ).toEqual([':file.pdf', ':file.HEIC', ':file.gz', ':file.png'])
    expect(['app.js', 'main.css', 'robots.txt', 'logo.svg', 'user.byId'].map(segmentPlaceholder)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ])
    expect(segmentPlaceholder('main.8f3a2b1c.js')).toBe(':id.js')
  })

  it('judges each part of a segment with separators, and a leading @ as a handle', () => {
    expect(segmentPlaceholder('bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw')).toBe(':token')
    expect(segmentPlaceholder('+14155552671')).toBe(':id')
    expect(segmentPlaceholder('203.0.113.195')).toBe(':id')
    expect(segmentPlaceholder('@jane_doe')).toBe(':id')
    expect(segmentPlaceholder('10%20Downing%20Street%2C%20London')).toBe(':token')
  })

  it('catches at least 99 % of nanoid ids that hold no digit, and every one that does', () => {
    const withoutDigit = randomIds(NANOID, 21, 2000, (id) => !/\d/.test(id))
    const missed = withoutDigit.filter((id) => segmentPlaceholder(id) === null)
    expect(missed.length).toBeLessThanOrEqual(20)
    expect(randomIds(NANOID, 21, 2000).filter((id) => segmentPlaceholder(id) === null).length).toBeLessThanOrEqual(2)
  })

  it('catches random base58, base62-letter and lower-case tokens of 20 characters', () => {
    const base58 = randomIds('123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz', 22, 1000)
    expect(base58.filter((id) => segmentPlaceholder(id) === null).length).toBeLessThanOrEqual(2)
    const letters = randomIds(NANOID.slice(0, 52), 20, 1000)
    expect(letters.filter((id) => segmentPlaceholder(id) === null).length).toBeLessThanOrEqual(10)
    const lower = randomIds('abcdefghijklmnopqrstuvwxyz', 20, 1000)
    expect(lower.filter((id) => segmentPlaceholder(id) === null).length).toBeLessThanOrEqual(40)
  })
})
