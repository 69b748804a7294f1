import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runCli as run } from './runCli.ts'
import { endpoint, report } from './fixtures.ts'

const budget = {
  budgets: {
    'vital.LCP': { warning: 'p(75)<2500', critical: 'p(75)<4000' },
    'GET /api/items': { warning: 'p(95)<100', critical: ['p(95)<200', 'rate<0.01'] },
  },
  environments: { development: { budgets: { 'GET /api/items': { critical: 'p(95)<1000' } } } },
}

describe('perfscope check', () => {
  it('passes when every budget holds, and prints a table', async () => {
    const { code, out } = await run(['check', 'r.json', '--budget', 'b.json'], { 'r.json': report(), 'b.json': budget })
    expect(code).toBe(0)
    expect(out).toMatch(/metric\s+level\s+budget\s+actual\s+result/)
    expect(out).toMatch(/GET \/api\/items\s+critical\s+p\(95\)<200\s+80\s+ok/)
    expect(out).toContain('5 ok, 0 warning, 0 critical, 0 without data, 0 regression')
  })

  it('exits 1 on a critical breach and names it', async () => {
    const slow = report({ endpoints: [endpoint('GET /api/items', 450)] })
    const { code, out } = await run(['check', 'r.json', '--budget', 'b.json'], { 'r.json': slow, 'b.json': budget })
    expect(code).toBe(1)
    expect(out).toMatch(/GET \/api\/items\s+critical\s+p\(95\)<200\s+450\s+FAIL \(critical\)/)
  })

  it('uses the environment’s budget set when --env is given', async () => {
    const slow = report({ endpoints: [endpoint('GET /api/items', 450)] })
    const { code } = await run(['check', 'r.json', '--budget', 'b.json', '--env', 'development'], {
      'r.json': slow,
      'b.json': budget,
    })
    expect(code).toBe(0)
  })

  it('fails on a regression against a baseline: p95 worse by more than 10 %, or a vital whose rating dropped', async () => {
    const baseline = report({ endpoints: [endpoint('GET /api/items', 60)] })
    const current = report({ lcp: 3000, endpoints: [endpoint('GET /api/items', 70)] })
    const { code, out } = await run(['check', 'now.json', '--budget', 'b.json', '--baseline', 'then.json'], {
      'now.json': current,
      'then.json': baseline,
      'b.json': { budgets: {} },
    })
    expect(code).toBe(1)
    expect(out).toMatch(/GET \/api\/items\s+p95 latency\s+60\s+70/)
    expect(out).toMatch(/vital\.LCP\s+rating\s+good\s+needs-improvement/)
  })

  it.each([
    [
      { budgets: { 'vital.LPC': { critical: 'p(75)<2500' } } },
      /unknown metric "vital\.LPC" \(did you mean "vital\.LCP"\?\)/,
    ],
    [{ budgets: { 'vital.LCP': { critcal: 'p(75)<2500' } } }, /unknown level "critcal" \(did you mean "critical"\?\)/],
    [
      { budgets: { 'vital.LCP': { critical: 'p75<2500' } } },
      /budgets\["vital\.LCP"\]\.critical: threshold "p75<2500" is not of the form/,
    ],
    [{ budget: {} }, /unknown key "budget"/],
    ['{ not json', /budget file b\.json is not valid JSON/],
  ])('exits 2 with a message naming the problem for a malformed budget file (%#)', async (file, message) => {
    const { code, err } = await run(['check', 'r.json', '--budget', 'b.json'], { 'r.json': report(), 'b.json': file })
    expect(code).toBe(2)
    expect(err).toMatch(message)
  })

  it('exits 2 for a missing report and for usage errors', async () => {
    expect((await run(['check', 'missing.json', '--budget', 'b.json'], { 'b.json': budget })).err).toMatch(
      /cannot read report missing\.json/,
    )
    expect((await run(['check', 'r.json'], {})).code).toBe(2)
    expect((await run(['frobnicate'], {})).code).toBe(2)
  })

  it('runs as the built `perfscope` bin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfscope-cli-'))
    writeFileSync(join(dir, 'r.json'), JSON.stringify(report({ endpoints: [endpoint('GET /api/items', 450)] })))
    writeFileSync(join(dir, 'b.json'), JSON.stringify(budget))
    const bin = fileURLToPath(new URL('../../bin/perfscope.js', import.meta.url))
    const result = await promisify(execFile)(process.execPath, [
      bin,
      'check',
      join(dir, 'r.json'),
      '--budget',
      join(dir, 'b.json'),
    ]).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    )
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('FAIL (critical)')
  })
})
