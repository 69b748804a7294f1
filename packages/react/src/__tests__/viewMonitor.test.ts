import { describe, expect, it } from 'vitest'
import { createMonitor, emptySharedSnapshot, type EndpointStats } from '@perfscope/core'
import { createViewMonitor } from '../panel/page/viewMonitor.ts'

const summary = { count: 1, min: 5, max: 5, mean: 5, p50: 5, p75: 5, p90: 5, p95: 5, p99: 5 }
const endpoint = (key: string): EndpointStats => ({
  key,
  count: 1,
  rate: 0,
  errors: 0,
  errorRate: 0,
  latency: summary,
  bytes: 0,
  lastStatus: 200,
  health: 'healthy',
  runaway: { active: false, reason: null },
})

describe('createViewMonitor()', () => {
  it("shows the other data's measurements with the page's own load state, and follows the page only while asked", () => {
    const base = createMonitor({ sources: [] })
    base.store.setState({ endpoints: [endpoint('GET /own')] })
    const view = createViewMonitor(
      base,
      { ...emptySharedSnapshot(), endpoints: [endpoint('GET /other')] },
      { kind: 'tabs' },
    )
    expect(view.monitor.snapshot().endpoints.map((e) => e.key)).toEqual(['GET /other'])

    const seen: (string | null)[] = []
    view.monitor.subscribe(
      (s) => s.load?.error ?? null,
      (error) => seen.push(error),
    )
    const stop = view.follow()
    base.store.setState({ load: { active: null, last: null, error: 'refused' } })
    expect(view.monitor.snapshot().load?.error).toBe('refused')
    expect(view.monitor.snapshot().endpoints.map((e) => e.key)).toEqual(['GET /other'])
    stop()
    base.store.setState({ load: { active: null, last: null, error: 'later' } })
    expect(view.monitor.snapshot().load?.error).toBe('refused')
    expect(seen).toEqual(['refused'])

    view.show({ ...emptySharedSnapshot(), endpoints: [endpoint('GET /newer')] })
    expect(view.monitor.snapshot().endpoints.map((e) => e.key)).toEqual(['GET /newer'])
    // Actions are the page's own monitor's.
    expect(view.monitor.load).toBe(base.load)
  })
})
