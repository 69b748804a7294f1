import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { exportReport } from '../../src/features/export/exportReport.ts'
import { report } from './fixtures.ts'

const ajv = new Ajv({ allErrors: true, strict: false })
;(addFormats as unknown as (a: Ajv) => void)(ajv)
const schema = (name: string) => JSON.parse(readFileSync(new URL(`./schemas/${name}`, import.meta.url), 'utf8'))
const validHar = ajv.compile(schema('har-1.2.schema.json'))
const validOtlp = ajv.compile(schema('otlp-metrics.schema.json'))

describe('exportReport()', () => {
  it('writes a versioned JSON report that parses back', () => {
    const parsed = JSON.parse(exportReport(report(), 'json') as string)
    expect(parsed).toMatchObject({
      schema: 'perfscope-report',
      version: 1,
      vitals: { LCP: { value: 1800, rating: 'good' } },
    })
    expect(parsed.endpoints.map((e: { key: string }) => e.key)).toEqual(['GET /api/items', 'POST /api/orders'])
  })

  it('writes CSV with one row per summary and quotes fields that need it', () => {
    const csv = exportReport(report({ endpoints: [] }), 'csv') as string
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[0]).toBe('kind,key,count,rate_per_s,error_rate,p50,p75,p90,p95,p99,max,value,rating')
    expect(lines).toContain('vital,LCP,1,,,,,,,,,1800,good')
    const withComma = exportReport(
      report({ endpoints: [{ ...report().endpoints[0]!, key: 'GET /a,"b"' }] }),
      'csv',
    ) as string
    expect(withComma).toContain('endpoint,"GET /a,""b""",')
  })

  it('writes HAR 1.2 that validates against the spec, with route patterns rather than raw URLs', () => {
    const har = JSON.parse(exportReport(report(), 'har') as string)
    expect(validHar(har), JSON.stringify(validHar.errors)).toBe(true)
    expect(har.log.entries[0].request).toMatchObject({ method: 'GET', url: 'http://localhost/api/items' })
    expect(har.log.entries[1].response).toMatchObject({ status: 0, statusText: 'network' })
  })

  it('writes OTLP/JSON metrics that validate: latency summaries, error sums, vitals as gauges', () => {
    const otlp = JSON.parse(exportReport(report(), 'otlp') as string)
    expect(validOtlp(otlp), JSON.stringify(validOtlp.errors)).toBe(true)
    const metrics = otlp.resourceMetrics[0].scopeMetrics[0].metrics
    expect(metrics.map((m: { name: string }) => m.name)).toEqual([
      'http.client.request.duration',
      'http.client.request.errors',
      'web_vitals.lcp',
      'web_vitals.cls',
    ])
    expect(metrics[0].summary.dataPoints[0]).toMatchObject({
      count: '100',
      timeUnixNano: String(BigInt(Date.UTC(2026, 10, 24, 10)) * 1_000_000n),
    })
  })

  it('gzips any format when asked', () => {
    const bytes = exportReport(report(), 'csv', { compress: true }) as Uint8Array
    expect(gunzipSync(bytes).toString('utf8')).toBe(exportReport(report(), 'csv'))
  })

  it('exports an empty history as a valid, empty document', () => {
    const empty = report({ endpoints: [] })
    empty.requests = []
    empty.vitals = {}
    expect(validHar(JSON.parse(exportReport(empty, 'har') as string))).toBe(true)
    expect(validOtlp(JSON.parse(exportReport(empty, 'otlp') as string))).toBe(true)
  })

  it('refuses an unknown format with a clear error', () => {
    expect(() => exportReport(report(), 'xml' as never)).toThrow(
      'export format must be one of json, csv, har, otlp, got "xml"',
    )
  })
})
