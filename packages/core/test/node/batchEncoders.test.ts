import { afterEach, describe, expect, it, vi } from 'vitest'
import { encodeBatch, encodeBatchAsync } from '../../src/features/transport/batchEncoders.ts'
import { decodeBatch } from '../../src/features/transport/codec.ts'
import type { EncodeInput } from '../../src/features/transport/batchFormat.ts'

const input: EncodeInput = {
  samples: Array.from({ length: 300 }, (_, i) => ({
    key: i % 3 === 0 ? 'vital.LCP' : 'http.GET /api/items',
    t: 1000 + i * 12.3,
    v: 20 + (i % 17) * 1.5,
    ...(i % 3 === 0 ? {} : { tags: { status: '200', api: 'fetch' } }),
  })),
  batchId: 7,
  timeOrigin: 1_700_000_000_000,
  dropped: 3,
}

describe('encodeBatchAsync()', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('deflates with the native CompressionStream into a batch that decodes like the synchronous one', async () => {
    const native = await encodeBatchAsync(input)
    expect(decodeBatch(native)).toEqual(decodeBatch(encodeBatch(input)))
    // Same format, same order of size: the native compressor is a deflate too.
    expect(native.length).toBeLessThan(encodeBatch(input).length * 1.2)
  })

  it('falls back to fflate where there is no CompressionStream', async () => {
    vi.stubGlobal('CompressionStream', undefined)
    expect(await encodeBatchAsync(input)).toBe(encodeBatch(input))
  })

  it('falls back to fflate when the native compressor fails', async () => {
    vi.stubGlobal(
      'CompressionStream',
      class {
        constructor() {
          throw new TypeError('unsupported format')
        }
      },
    )
    expect(await encodeBatchAsync(input)).toBe(encodeBatch(input))
  })
})
