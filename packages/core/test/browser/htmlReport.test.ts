import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { useBrowser } from '../../../../test-support/browser'
import { renderHtmlReport } from '../../src/report/htmlReport.ts'
import { readReportSource } from '../../src/report/reportInput.ts'
import { HOSTILE, sampleDay, sampleRun } from '../../src/report/__tests__/reportFixtures.ts'
import { checkJunitXml, type CheckResult } from '../../src/cli/junit.ts'

/** Where the screenshots of the reports go (printed, so a person can look at them). */
const SHOTS = mkdtempSync(join(tmpdir(), 'perfscope-report-shots-'))

describe('the HTML report in Chromium', () => {
  const { browser } = useBrowser()

  /** Opens a report file as a user would (file://), offline, and records every request the page makes. */
  async function open(html: string, name: string) {
    const file = join(SHOTS, `${name}.html`)
    writeFileSync(file, html)
    const context = await browser().newContext({ offline: true, viewport: { width: 1000, height: 800 } })
    const requests: string[] = []
    const violations: string[] = []
    context.on('request', (r) => requests.push(r.url()))
    const page = await context.newPage()
    page.on('console', (m) => violations.push(m.text()))
    const url = pathToFileURL(file).href
    await page.goto(url)
    await page.waitForLoadState('load')
    return { page, context, url, requests, violations }
  }

  it('opens a load-run report offline with no request beyond the file itself, and draws its charts', async () => {
    const { page, context, url, requests, violations } = await open(
      renderHtmlReport(readReportSource(sampleRun())),
      'load-run',
    )
    try {
      expect(requests).toEqual([url])
      expect(violations).toEqual([])
      const charts = await page
        .locator('svg[role="img"]')
        .evaluateAll((svgs) =>
          svgs.map((s) => ({ label: s.getAttribute('aria-label'), width: s.getBoundingClientRect().width })),
        )
      expect(charts.map((c) => c.label)).toEqual([
        'Requests per second',
        'p95 latency per second',
        'p95 latency per endpoint',
      ])
      expect(charts.every((c) => c.width > 600)).toBe(true)
      const path = join(SHOTS, 'load-run.png')
      await page.screenshot({ path, fullPage: true })
      console.info(`report screenshot: ${path}`)
    } finally {
      await context.close()
    }
  })

  it('shows hostile page data as text: no script runs, nothing loads', async () => {
    const day = sampleDay()
    day.page = HOSTILE
    day.endpoints[0]!.key = HOSTILE
    day.errors.recent[0]!.message = HOSTILE
    const run = sampleRun(HOSTILE)
    run.findings = [HOSTILE]
    day.load = run
    const { page, context, url, requests } = await open(renderHtmlReport(readReportSource(day)), 'hostile-day')
    try {
      expect(requests).toEqual([url])
      expect(await page.locator('script, img, a, iframe').count()).toBe(0)
      expect(await page.locator('.meta').textContent()).toBe(`Page ${HOSTILE} · exported ${day.generatedAt}`)
      expect(await page.locator('td', { hasText: 'fetch(' }).first().isVisible()).toBe(true)
      const path = join(SHOTS, 'day.png')
      await page.screenshot({ path, fullPage: true })
      console.info(`report screenshot: ${path}`)
    } finally {
      await context.close()
    }
  })

  it('writes JUnit XML that a strict XML parser accepts', async () => {
    const result: CheckResult = {
      schema: 'perfscope-check',
      version: 1,
      report: HOSTILE,
      budget: 'b.json',
      env: null,
      baseline: 'then.json',
      strict: false,
      exitCode: 1,
      summary: { ok: 0, warning: 0, critical: 1, noData: 0, regressions: 1 },
      budgets: [
        { metric: `${HOSTILE}\u0001`, level: 'critical', expression: 'p(95)<200', actual: 450, status: 'fail' },
      ],
      regressions: [{ metric: HOSTILE, what: 'p95 latency', baseline: 60, current: 90 }],
    }
    const context = await browser().newContext()
    try {
      const page = await context.newPage()
      const parsed = await page.evaluate((xml) => {
        const doc = new DOMParser().parseFromString(xml, 'application/xml')
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          cases: doc.querySelectorAll('testcase').length,
          failures: doc.querySelectorAll('failure').length,
        }
      }, checkJunitXml(result))
      expect(parsed).toEqual({ error: null, cases: 2, failures: 2 })
    } finally {
      await context.close()
    }
  })
})
