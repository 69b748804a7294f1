import { describe, expect, it } from 'vitest'
import { baseURL, useBrowser } from '../../../../test-support/browser'
import { leakedSecrets, outletSecrets, PRIVACY_CORPUS } from '../privacyCorpus'

const FIXTURE = '/packages/core/test/browser/fixtures/privacy.html'
/** Secrets of the fixture's LCP image URL. */
const HERO_SECRETS = ['AKIAHEROIMAGESECRET1', 'heroSignatureSecret0123456789abcdef', 'heroTokenSecret42']

describe('the privacy corpus through every outlet (Chromium)', () => {
  const { newPage } = useBrowser()

  it('keeps no secret of 150+ URLs in the snapshot, the exports, IndexedDB, the batches or the server', async () => {
    const page = await newPage(FIXTURE)
    await page.waitForFunction(() => window.privacyReady)
    // An input ends LCP's search; the hero image is the largest paint.
    await page.mouse.click(5, 5)
    await page.waitForFunction(() => window.privacyMonitor.snapshot().vitals.LCP)
    // Each corpus URL is called on the test server's origin, under the app behind @perfscope/server, so the
    // server's own route keys and the batches it ingests see the same paths.
    const calls = PRIVACY_CORPUS.map(([url]) => {
      const u = new URL(url)
      const userinfo = u.username ? `${u.username}:${u.password}@` : ''
      return { userinfo, path: `/__perfscope/c${u.pathname}${u.search}${u.hash}` }
    })
    const outlets = await page.evaluate(async (list) => {
      const monitor = window.privacyMonitor
      // The first answer announces that the server takes batches; later requests carry them.
      await fetch('/__perfscope/items')
      const call = async ({ userinfo, path }: { userinfo: string; path: string }) => {
        if (!userinfo) return fetch(path).then((r) => r.arrayBuffer())
        // fetch() refuses URLs with credentials; XMLHttpRequest sends them.
        const xhr = new XMLHttpRequest()
        xhr.open('GET', `${location.protocol}//${userinfo}${location.host}${path}`)
        return new Promise((resolve) => {
          xhr.onloadend = resolve
          xhr.send()
        })
      }
      // Six at a time, as a browser spreads an app's calls over its connections.
      for (let i = 0; i < list.length; i += 6) await Promise.all(list.slice(i, i + 6).map(call))
      // Route changes to secret paths: the routes slice and the report's page.
      for (const { path } of list.slice(0, 20)) history.pushState(null, '', path.replace('/__perfscope/c', ''))
      // Let the transport drain what is pending onto the app's own requests (it encodes at most once a second).
      const deadline = performance.now() + 8000
      while (performance.now() < deadline) {
        await fetch('/__perfscope/items')
        await new Promise((r) => setTimeout(r, 250))
        if ((monitor.snapshot().transport?.pending ?? 0) === 0) break
      }
      await monitor.history.save()
      const exports: Record<string, string> = {}
      for (const format of ['json', 'csv', 'har', 'otlp'] as const)
        exports[format] = (await monitor.export(format)) as string
      const snapshot = monitor.snapshot()
      return {
        snapshot: JSON.stringify(snapshot),
        exports,
        stored: await window.storedRecords(),
        batches: window.decodedBatches(),
        // The store's days only: `seen` is the test harness's own log of raw paths, not perfscope's.
        server: JSON.stringify(((await (await fetch('/__perfscope/state')).json()) as { days: unknown }).days),
        keys: snapshot.endpoints.map((e) => e.key),
        lcpUrl: snapshot.vitals.LCP?.attribution.url ?? null,
        sentBatches: snapshot.transport?.sentBatches ?? 0,
      }
    }, calls)

    const secrets = [...outletSecrets(), ...HERO_SECRETS]
    const texts: Record<string, string> = {
      snapshot: outlets.snapshot,
      ...Object.fromEntries(Object.entries(outlets.exports).map(([format, text]) => [`export ${format}`, text])),
      indexeddb: outlets.stored,
      batches: outlets.batches,
      server: outlets.server,
    }
    // Every outlet really holds the corpus's endpoints, so finding no secret in it means something.
    for (const [name, text] of Object.entries(texts))
      expect([name, text.includes('/__perfscope/c/')]).toEqual([name, true])
    expect(outlets.sentBatches).toBeGreaterThan(0)
    expect(outlets.keys.length).toBeGreaterThan(20)
    expect(outlets.lcpUrl).toMatch(/\/privacy-hero\.svg\?X-Amz-Credential&X-Amz-Signature&token$/)
    const leaks = Object.entries(texts).flatMap(([name, text]) =>
      leakedSecrets(text, secrets).map((secret) => `${name}: ${secret}`),
    )
    expect(leaks).toEqual([])
    expect(page.uncaughtErrors).toEqual([])
  })

  it('keeps no secret of the corpus in the server’s reply to GET or in its stored keys', async () => {
    const reply = await (await fetch(`${baseURL()}/__perfscope/metrics`)).text()
    expect(leakedSecrets(reply, outletSecrets())).toEqual([])
  })
})
