import { describe, expect, it } from 'vitest'
import { useBrowser } from '../../../../test-support/browser'
import { caseGroups, type CaseGroup } from './fixtures/networkCases'

export const NETWORK_FIXTURE = '/packages/core/test/browser/fixtures/network.html'

/**
 * Runs every case of `group` twice in real Chromium, natively and under a running monitor (with a request hook
 * that adds a header to same-origin calls), and asserts the app observes the same result.
 */
export function transparencySuite(group: CaseGroup): void {
  describe(`${group} is transparent: native and instrumented runs observe the same`, () => {
    const { newPage } = useBrowser()
    for (const name of Object.keys(caseGroups[group])) {
      it(name, async () => {
        const page = await newPage(NETWORK_FIXTURE)
        await page.waitForFunction(() => window.perfscopeReady)
        const native = await page.evaluate(([g, n]) => window.runCase(g, n, false), [group, name] as const)
        const instrumented = await page.evaluate(([g, n]) => window.runCase(g, n, true), [group, name] as const)
        expect(instrumented).toEqual(native)
        const errors = await page.evaluate(() => window.monitor?.snapshot().errors.count)
        expect(errors).toBe(0)
        expect(page.uncaughtErrors).toEqual([])
      })
    }
  })
}
