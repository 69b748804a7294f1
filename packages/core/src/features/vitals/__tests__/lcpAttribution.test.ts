import type { LCPMetric } from 'web-vitals'
import { describe, expect, it } from 'vitest'
import { lcpAttribution, type LcpTimeline } from '../lcpAttribution.ts'

type Resource = ReturnType<LcpTimeline['resources']>[number]

function metric(value: number, entry: Partial<LargestContentfulPaint> | null): LCPMetric {
  return { name: 'LCP', value, entries: entry ? [entry as LargestContentfulPaint] : [] } as unknown as LCPMetric
}

function timeline(responseStart: number | null, resources: Record<string, Resource[]> = {}): LcpTimeline {
  return {
    navigation: () => (responseStart === null ? undefined : { responseStart, activationStart: 0 }),
    resources: (url) => resources[url] ?? [],
  }
}

describe('lcpAttribution', () => {
  it('splits an image LCP into time to first byte, load delay, load duration and render delay', () => {
    const image = document.createElement('img')
    image.id = 'hero'
    document.body.append(image)
    const url = 'https://cdn.test/hero.jpg'
    const a = lcpAttribution(
      metric(1000, { element: image, url, startTime: 1000 }),
      timeline(200, { [url]: [{ startTime: 250, requestStart: 300, responseEnd: 700 }] }),
    )
    expect(a).toMatchObject({
      target: '#hero',
      url,
      timeToFirstByte: 200,
      resourceLoadDelay: 100,
      resourceLoadDuration: 400,
      elementRenderDelay: 300,
    })
    expect(a.timeToFirstByte + a.resourceLoadDelay + a.resourceLoadDuration + a.elementRenderDelay).toBe(1000)
    image.remove()
  })

  it('keeps naming the element it first saw for an entry after the app replaced it', () => {
    const heading = document.createElement('h1')
    heading.className = 'title'
    document.body.append(heading)
    const entry = { element: heading as Element | null, url: '', startTime: 400 }
    expect(lcpAttribution(metric(400, entry), timeline(100)).target).toBe('body > h1.title')
    heading.remove()
    entry.element = null
    expect(lcpAttribution(metric(400, entry), timeline(100)).target).toBe('body > h1.title')
  })

  it('takes the latest request for the URL that started before the paint, and caps the load at LCP', () => {
    const url = 'https://cdn.test/intro.mp4'
    const a = lcpAttribution(
      metric(900, { element: null, id: 'intro', url, startTime: 900 }),
      timeline(100, {
        [url]: [
          { startTime: 150, requestStart: 0, responseEnd: 400 },
          { startTime: 500, requestStart: 0, responseEnd: 5000 },
          { startTime: 950, requestStart: 960, responseEnd: 1200 },
        ],
      }),
    )
    // The element was removed since: its id still names it. The request at 950 started after the paint.
    expect(a).toMatchObject({
      target: '#intro',
      resourceLoadDelay: 400,
      resourceLoadDuration: 400,
      elementRenderDelay: 0,
    })
  })

  it('counts a text element, or a resource the buffer no longer holds, as render delay after the first byte', () => {
    const text = lcpAttribution(metric(800, { element: null, url: '', startTime: 800 }), timeline(150))
    expect(text).toMatchObject({
      timeToFirstByte: 150,
      resourceLoadDelay: 0,
      resourceLoadDuration: 0,
      elementRenderDelay: 650,
    })
    expect(text.target).toBeUndefined()
    const gone = lcpAttribution(metric(800, { url: 'https://cdn.test/a.png', startTime: 800 }), timeline(150))
    expect(gone).toMatchObject({ url: 'https://cdn.test/a.png', resourceLoadDelay: 0, elementRenderDelay: 650 })
  })

  it('reports the whole value as render delay without a usable navigation entry or any entry', () => {
    expect(lcpAttribution(metric(500, { startTime: 500 }), timeline(null))).toMatchObject({
      timeToFirstByte: 0,
      resourceLoadDelay: 0,
      resourceLoadDuration: 0,
      elementRenderDelay: 500,
    })
    expect(lcpAttribution(metric(0, null), timeline(100)).elementRenderDelay).toBe(0)
  })
})
