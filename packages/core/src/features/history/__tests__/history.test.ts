import { describe, expect, it } from 'vitest'
import { createMonitor } from '../../../createMonitor.ts'
import type { Source } from '../../../kernel/source.ts'
import { dayOf } from '../retention.ts'

/** A source that reports one finished request, as the fetch interceptor does. */
const oneRequest: Source = {
  name: 'oneRequest',
  metric: null,
  start(context) {
    context.emit({ key: 'http.GET /api/items', t: 1, v: 12, tags: { status: '200' } })
    return () => {}
  },
}

describe('createHistory()', () => {
  it('lets a read right after save() see what was saved', async () => {
    const monitor = createMonitor({ sources: [oneRequest] })
    monitor.start()
    const today = dayOf(Date.now())
    void monitor.history.save()
    expect(await monitor.history.detail(today)).toHaveLength(1)
    void monitor.history.save()
    expect((await monitor.history.days()).map((d) => d.date)).toEqual([today])
    monitor.stop()
  })
})
