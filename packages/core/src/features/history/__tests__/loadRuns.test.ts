import { describe, expect, it } from 'vitest'
import type { LoadRunResult } from '../../load/runTypes.ts'
import type { MonitorAlert } from '../../budgets/alerts.ts'
import { MAX_STORED_RUNS, runKey, runKeyOf, runKeysOverLimit } from '../loadRuns.ts'
import { mergeDays } from '../mergeDays.ts'
import { expiredKeys } from '../retention.ts'
import type { DayRecord } from '../historyStore.ts'

const run = (runId: string, startedAt: number) => ({ runId, startedAt, endpoints: [] }) as unknown as LoadRunResult

describe('stored load runs', () => {
  it('keys runs in start order, finds one by id and keeps the newest 50', () => {
    const keys = Array.from({ length: MAX_STORED_RUNS + 2 }, (_, i) =>
      runKey(run(`r${i}`, Date.UTC(2026, 10, 1) + i * 1000)),
    )
    expect(runKeysOverLimit([...keys].reverse())).toEqual(keys.slice(0, 2))
    expect(runKeyOf(keys, 'r7')).toBe(keys[7])
    expect(runKeyOf(keys, 'r')).toBeUndefined()
  })

  it('prunes runs with the 6-month summaries', () => {
    const now = Date.UTC(2026, 10, 24, 12)
    const old = runKey(run('old', Date.UTC(2026, 4, 1)))
    const recent = runKey(run('recent', Date.UTC(2026, 9, 1)))
    expect(expiredKeys([old, recent, 'baseline-run'], now)).toEqual([old])
  })
})

describe('mergeDays() with alerts', () => {
  const alert = (id: string, endedAt: number | null): MonitorAlert => ({
    id,
    metric: 'GET /api/items',
    level: 'warning',
    message: 'm',
    value: 1,
    startedAt: 10,
    endedAt,
    acknowledged: false,
  })
  const day = (generatedAt: string, alerts: MonitorAlert[]) =>
    ({
      schema: 'perfscope-report',
      date: '2026-11-24',
      generatedAt,
      vitals: {},
      endpoints: [],
      alerts,
    }) as unknown as DayRecord

  it("unites the sessions' alerts, a re-saved alert keeping its latest state", () => {
    const merged = mergeDays([
      day('2026-11-24T10:00:00Z', [alert('a-1', null)]),
      day('2026-11-24T11:00:00Z', [alert('a-1', 50), alert('b-1', null)]),
    ])
    expect(merged.alerts).toEqual([alert('a-1', 50), alert('b-1', null)])
  })
})
