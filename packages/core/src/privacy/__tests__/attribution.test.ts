import { describe, expect, it } from 'vitest'
import { attributionOf } from '../../features/vitals/webVitals.ts'

type Metric = Parameters<typeof attributionOf>[0]

describe('Web Vitals attribution', () => {
  it('sanitises the LCP resource URL and the INP slowest script, keeping no query value', () => {
    const lcp = attributionOf({
      name: 'LCP',
      attribution: {
        target: 'main > img.hero',
        url: 'https://cdn.test/u/jane%40example.com/hero.jpg?X-Amz-Signature=abc123sig&w=800',
      },
    } as unknown as Metric)
    expect(lcp.url).toBe('https://cdn.test/u/:email/:file.jpg?X-Amz-Signature&w')
    expect(lcp.element).toBe('main > img.hero')
    const inp = attributionOf({
      name: 'INP',
      attribution: {
        longestScript: {
          subpart: 'processing',
          intersectingDuration: 80,
          entry: { sourceURL: 'https://cdn.test/sdk.js?apikey=k3y#sig=s' },
        },
      },
    } as unknown as Metric)
    expect(inp.longestScript).toEqual({ subpart: 'processing', duration: 80, source: 'https://cdn.test/sdk.js?apikey' })
  })
})
