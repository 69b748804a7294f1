import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runCli as run } from './runCli.ts'
import { HOSTILE, sampleDay, sampleRun } from '../../src/report/__tests__/reportFixtures.ts'
import { endpoint, report } from './fixtures.ts'

const budget = {
  budgets: {
    'vital.LCP': { warning: 'p(75)<2500', critical: 'p(75)<4000' },
    'vital.INP': { critical: 'p(75)<500' },
    'GET /api/items': { warning: 'p(95)<100', critical: ['p(95)<200', 'rate<0.01'] },
  },
}

const testcases = (xml: string) =>
  [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)">(.*?)<\/testcase>/g)].map((m) => ({
    classname: m[1],
    name: m[2],
    body: m[3],
  }))

describe('perfscope check --junit', () => {
  it('writes one test case per budget: failures, a skipped budget without data, passes', async () => {
    const slow = report({ lcp: 3000, endpoints: [endpoint('GET /api/items', 450)] })
    const { code, written, out } = await run(['check', 'r.json', '--budget', 'b.json', '--junit', 'out.xml'], {
      'r.json': slow,
      'b.json': budget,
    })
    expect(code).toBe(1)
    expect(out).toContain('FAIL (critical)')
    const xml = written['out.xml']!
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /)
    const cases = testcases(xml)
    expect(cases).toHaveLength(6)
    expect(cases.find((c) => c.name === 'GET /api/items critical p(95)&lt;200')!.body).toMatch(
      /^<failure type="critical" message="GET \/api\/items 450 breaks p\(95\)&lt;200">/,
    )
    expect(cases.find((c) => c.name === 'vital.INP critical p(75)&lt;500')!.body).toMatch(/^<skipped /)
    // A failed warning is reported but does not fail the build without --strict.
    expect(cases.find((c) => c.name === 'vital.LCP warning p(75)&lt;2500')!.body).toMatch(/^<system-out>WARN /)
    expect(cases.find((c) => c.name === 'vital.LCP critical p(75)&lt;4000')!.body).toBe('')
    expect(xml).toMatch(/<testsuite name="perfscope budgets" tests="6" failures="1" errors="0" skipped="1" /)
  })

  it('counts a failed warning as a failure with --strict, and adds one case per regression', async () => {
    const then = report({ endpoints: [endpoint('GET /api/items', 50)] })
    const now = report({ lcp: 3000, endpoints: [endpoint('GET /api/items', 90)] })
    const { code, written } = await run(
      ['check', 'now.json', '--budget', 'b.json', '--baseline', 'then.json', '--strict', '--junit', 'out.xml'],
      {
        'now.json': now,
        'then.json': then,
        'b.json': { budgets: { 'vital.LCP': { warning: 'p(75)<2500' } } },
      },
    )
    expect(code).toBe(1)
    const cases = testcases(written['out.xml']!)
    expect(cases[0]!.body).toMatch(/^<failure type="warning"/)
    const regressions = cases.filter((c) => c.classname === 'perfscope.regressions')
    expect(regressions.length).toBeGreaterThanOrEqual(2)
    expect(regressions.every((c) => c.body!.startsWith('<failure type="regression"'))).toBe(true)
  })

  it('escapes a hostile metric name and drops characters XML cannot hold', async () => {
    const hostile = `GET /a"<b>&'\u0001\u001b`
    const r = report({ endpoints: [endpoint(hostile, 450)] })
    const { written } = await run(['check', 'r.json', '--budget', 'b.json', '--junit', 'out.xml'], {
      'r.json': r,
      'b.json': { budgets: { [hostile]: { critical: 'p(95)<200' } } },
    })
    const xml = written['out.xml']!
    expect(xml).toContain('name="GET /a&quot;&lt;b&gt;&amp;&apos; critical p(95)&lt;200"')
    // eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot hold are what this looks for
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/)
  })

  it('exits 2 when the JUnit file cannot be written', async () => {
    const { code, err } = await run(['check', 'r.json', '--budget', 'b.json', '--junit', '/nonexistent/out.xml'], {
      'r.json': report(),
      'b.json': budget,
    })
    expect(code).toBe(2)
    expect(err).toMatch(/cannot write JUnit XML \/nonexistent\/out\.xml/)
  })
})

describe('perfscope check --format json', () => {
  it('prints a machine-readable result with the same exit code', async () => {
    const slow = report({ endpoints: [endpoint('GET /api/items', 450)] })
    const { code, out } = await run(['check', 'r.json', '--budget', 'b.json', '--format', 'json'], {
      'r.json': slow,
      'b.json': budget,
    })
    expect(code).toBe(1)
    const result = JSON.parse(out)
    expect(result).toMatchObject({
      schema: 'perfscope-check',
      version: 1,
      report: 'r.json',
      budget: 'b.json',
      env: null,
      strict: false,
      exitCode: 1,
    })
    expect(result.summary).toEqual({ ok: 3, warning: 1, critical: 1, noData: 1, regressions: 0 })
    expect(result.budgets).toContainEqual({
      metric: 'GET /api/items',
      level: 'critical',
      expression: 'p(95)<200',
      actual: 450,
      status: 'fail',
    })
  })

  it('refuses an unknown format', async () => {
    const { code, err } = await run(['check', 'r.json', '--budget', 'b.json', '--format', 'yaml'], {
      'r.json': report(),
      'b.json': budget,
    })
    expect(code).toBe(2)
    expect(err).toMatch(/--format takes text or json/)
  })
})

describe('perfscope report', () => {
  it('writes an HTML report of a load run beside the input', async () => {
    const { code, out, written } = await run(['report', 'runs/run-42.json'], { 'runs/run-42.json': sampleRun() })
    expect(code).toBe(0)
    expect(out).toBe('perfscope report: wrote runs/run-42.html (load run)')
    expect(written['runs/run-42.html']).toMatch(/^<!doctype html>/)
    expect(written['runs/run-42.html']).toContain('<h1>Load run: checkout ramp</h1>')
  })

  it('writes a day report where --out says, with captured strings escaped', async () => {
    const day = sampleDay()
    day.endpoints[0]!.key = HOSTILE
    const { code, written } = await run(['report', 'day.json', '--out', 'day.html'], { 'day.json': day })
    expect(code).toBe(0)
    expect(written['day.html']).not.toContain('<script')
    expect(written['day.html']).not.toContain('<img')
    expect(written['day.html']).toContain('&lt;script&gt;')
  })

  it('exits 2 for input that is neither a run nor a report', async () => {
    const { code, err } = await run(['report', 'x.json'], { 'x.json': { hello: 1 } })
    expect(code).toBe(2)
    expect(err).toMatch(/neither a perfscope report/)
    expect((await run(['report'], {})).code).toBe(2)
  })

  it('runs as the built `perfscope` bin and writes the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfscope-report-'))
    writeFileSync(join(dir, 'run.json'), JSON.stringify(sampleRun()))
    const bin = fileURLToPath(new URL('../../bin/perfscope.js', import.meta.url))
    await promisify(execFile)(process.execPath, [bin, 'report', join(dir, 'run.json'), '-o', join(dir, 'r.html')])
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain('p95 latency per second')
  })
})
