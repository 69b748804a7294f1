import { describe, expect, it } from 'vitest'
import { renderHtmlReport } from '../htmlReport.ts'
import { readReportSource, ReportInputError } from '../reportInput.ts'
import { MAX_POINTS } from '../svgCharts.ts'
import { HOSTILE, sampleDay, sampleRun } from './reportFixtures.ts'

/** Parses the report as the browser would and lists what could load or run. */
function activeParts(html: string) {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  const attrs = [...doc.querySelectorAll('*')].flatMap((el) =>
    [...el.attributes].map((a) => `${el.tagName.toLowerCase()}@${a.name}`),
  )
  return {
    doc,
    scripts: doc.querySelectorAll('script').length,
    loaders: doc.querySelectorAll('img, iframe, object, embed, link, a, image, use, video, audio, source, base, form')
      .length,
    handlers: attrs.filter((a) => /@on/.test(a)),
    urls: attrs.filter((a) => /@(src|href|xlink:href|action|srcset|poster)$/.test(a)),
  }
}

describe('renderHtmlReport()', () => {
  it('writes a load run with its figures, thresholds, endpoints and per-second charts', () => {
    const html = renderHtmlReport(readReportSource(sampleRun()), { now: new Date(Date.UTC(2026, 10, 24, 10)) })
    const { doc } = activeParts(html)
    expect(doc.querySelector('h1')!.textContent).toBe('Load run: checkout ramp')
    expect(doc.querySelectorAll('svg[role="img"]').length).toBe(3)
    expect(doc.querySelector('svg[aria-label="p95 latency per second"] path')!.getAttribute('d')).toMatch(
      /^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+){59}$/,
    )
    expect(doc.body.textContent).toContain('threshold p(95)<500 failed')
    expect([...doc.querySelectorAll('td.bad')].map((td) => td.textContent)).toContain('fail')
    expect(doc.body.textContent).toContain('POST /api/orders')
    expect(html).toContain('2026-11-24T10:00:00.000Z')
  })

  it('writes a day with vitals, endpoints by health, the request chart and errors', () => {
    const html = renderHtmlReport(readReportSource(sampleDay()))
    const { doc } = activeParts(html)
    expect(doc.querySelector('h1')!.textContent).toBe('Performance report: 2026-11-24')
    expect([...doc.querySelectorAll('td.bad')].map((td) => td.textContent)).toEqual(
      expect.arrayContaining(['poor', 'failing']),
    )
    expect(doc.querySelector('svg[aria-label="Requests per minute"]')).not.toBeNull()
    expect(doc.body.textContent).toContain('TypeError: x is undefined')
  })

  it('escapes every captured string, so page data never becomes markup', () => {
    const run = sampleRun(HOSTILE)
    run.runId = HOSTILE
    run.reason = HOSTILE
    run.findings = [HOSTILE]
    run.endpoints[0]!.key = HOSTILE
    run.thresholds[0]!.expression = HOSTILE
    const day = sampleDay()
    day.page = HOSTILE
    day.endpoints[0]!.key = HOSTILE
    day.routes[0]!.route = HOSTILE
    day.errors.recent[0]!.message = HOSTILE
    ;(day.vitals.LCP as { rating: string }).rating = HOSTILE
    day.load = run
    for (const html of [renderHtmlReport(readReportSource(run)), renderHtmlReport(readReportSource(day))]) {
      const parts = activeParts(html)
      expect(parts.scripts).toBe(0)
      expect(parts.loaders).toBe(0)
      expect(parts.handlers).toEqual([])
      expect(parts.urls).toEqual([])
      expect(parts.doc.body.textContent).toContain(HOSTILE)
    }
  })

  it('forbids script and every request through its Content-Security-Policy', () => {
    const { doc } = activeParts(renderHtmlReport(readReportSource(sampleRun())))
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')
    expect(csp).toMatch(/default-src 'none'/)
    expect(csp).not.toMatch(/script-src|'unsafe-eval'/)
  })

  it('keeps a huge run bounded: lines thinned, tables cut', () => {
    const run = sampleRun()
    run.timeline = Array.from({ length: 100_000 }, (_, s) => ({
      second: s,
      requests: s % 50,
      started: s % 50,
      errors: 0,
      p95: s % 300,
    }))
    run.endpoints = Array.from({ length: 5000 }, (_, i) => ({ ...run.endpoints[0]!, key: `GET /e${i}` }))
    const html = renderHtmlReport(readReportSource(run))
    // Read with a pattern, not a DOM: parsing the whole file in happy-dom costs seconds and proves nothing here.
    const path = /aria-label="p95 latency per second">.*?<path d="([^"]*)"/.exec(html)![1]!
    expect(path.split(' ')).toHaveLength(MAX_POINTS)
    expect(html).toContain('4500 more rows not shown')
    expect(html.length).toBeLessThan(400_000)
  })

  it('survives a file whose fields are missing or of the wrong type', () => {
    const broken = {
      runId: 'r',
      endpoints: [{ key: 'GET /x', latency: 'fast', requests: 'many' }],
      timeline: 'none',
      latency: null,
      thresholds: {},
    }
    const html = renderHtmlReport(readReportSource(broken))
    expect(activeParts(html).doc.body.textContent).toContain('GET /x')
  })
})

describe('readReportSource()', () => {
  it('tells a run from a day and refuses anything else', () => {
    expect(readReportSource(sampleRun()).kind).toBe('run')
    expect(readReportSource(sampleDay()).kind).toBe('day')
    expect(() => readReportSource({ schema: 'perfscope-report', version: 2 }, 'x.json')).toThrow(/version 2/)
    expect(() => readReportSource([1, 2], 'x.json')).toThrow(ReportInputError)
  })
})
