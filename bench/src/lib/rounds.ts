import { reasonOf, type BenchContext } from '../measurement.ts'
import type { SdkDefinition } from '../sdks/registry.ts'
import type { OpenedPage, OpenOptions } from './browser.ts'
import { sdkPage, type PageDefinition } from './pages.ts'

/** What the rounds produced for one SDK: one result per round, or why the SDK could not be measured. */
export interface SdkRounds<T> {
  sdk: SdkDefinition
  results: T[]
  /** Whether the SDK had replaced `window.fetch` on its page. */
  fetchWrapped: boolean | null
  /** Requests the SDK's pages sent to the intake (its own beacons), over all rounds. */
  beacons: number
  /** False when a page was not cross-origin isolated (its timer then has 100 µs resolution). */
  isolated: boolean
  /** Uncaught errors its pages threw, if any (a figure from a broken page is flagged, not hidden). */
  pageErrors: string[]
  failure: string | null
}

/** Which page the rounds open per SDK (default: {@link sdkPage}) and what to do before it loads. */
export interface RoundOptions extends OpenOptions {
  page?(sdk: SdkDefinition): PageDefinition
}

/**
 * Runs `measure` on a fresh page of every SDK, `rounds` times, rotating the order each round so drift on a shared
 * machine (thermal, other processes) spreads evenly instead of favouring whoever runs first.
 */
export async function alternateRounds<T>(
  context: BenchContext,
  sdks: readonly SdkDefinition[],
  rounds: number,
  label: string,
  measure: (page: OpenedPage, sdk: SdkDefinition) => Promise<T>,
  options: RoundOptions = {},
): Promise<SdkRounds<T>[]> {
  const pageOf = options.page ?? sdkPage
  const state = sdks.map<SdkRounds<T>>((sdk) => ({
    sdk,
    results: [],
    fetchWrapped: null,
    isolated: true,
    beacons: 0,
    pageErrors: [],
    failure: null,
  }))
  for (let round = 0; round < rounds; round++) {
    const order = state.map((_, i) => state[(i + round) % state.length]!)
    for (const entry of order) {
      if (entry.failure) continue
      context.log(`${label}: round ${round + 1}/${rounds}, ${entry.sdk.id}`)
      let opened: OpenedPage | undefined
      try {
        context.server.resetCounts()
        opened = await context.browser.open(await context.pages.path(pageOf(entry.sdk)), options)
        entry.results.push(await measure(opened, entry.sdk))
        const page = await opened.page.evaluate(() => ({
          wrapped: window.bench.fetchWrapped(),
          isolated: window.bench.isolated,
        }))
        entry.fetchWrapped = page.wrapped
        entry.isolated &&= page.isolated
        entry.beacons += context.server.counts.intake
        entry.pageErrors.push(...opened.errors)
      } catch (error) {
        entry.failure = reasonOf(error)
      } finally {
        await opened?.close()
      }
    }
  }
  return state
}

/** A note on how an SDK's page behaved, to put beside its figure. */
export function pageNote(entry: SdkRounds<unknown>): string {
  const parts: string[] = []
  if (entry.fetchWrapped !== null) parts.push(entry.fetchWrapped ? 'fetch wrapped' : 'fetch not wrapped')
  if (entry.beacons > 0) parts.push(`${entry.beacons} beacon requests to the intake`)
  if (!entry.isolated) parts.push('page not cross-origin isolated: timer resolution 100 µs')
  if (entry.pageErrors.length > 0) parts.push(`page errors: ${[...new Set(entry.pageErrors)].join('; ').slice(0, 200)}`)
  return parts.join('; ')
}
