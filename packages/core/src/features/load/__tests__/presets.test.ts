import { describe, expect, it } from 'vitest'
import { replayRequests } from '../presets.ts'

describe('replayRequests()', () => {
  it('replays same-origin GET endpoints by the path of their sanitised lastUrl, without its query names', () => {
    const requests = replayRequests([
      { key: 'GET /api/items', count: 12, lastUrl: 'http://127.0.0.1:5173/api/items?page&token' },
      { key: 'GET /api/users/:id', count: 40, lastUrl: 'http://127.0.0.1:5173/api/users/:id' },
      { key: 'GET /files/*', count: 3, lastUrl: 'http://127.0.0.1:5173/files/*' },
      { key: 'POST /api/items', count: 5, lastUrl: 'http://127.0.0.1:5173/api/items' },
      { key: 'GET https://cdn.test/x', count: 5, lastUrl: 'https://cdn.test/x' },
    ])
    expect(requests).toEqual([{ method: 'GET', url: 'http://127.0.0.1:5173/api/items', weight: 12 }])
  })
})
