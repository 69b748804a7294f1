import { encodeBatchBytes as encodeBytes } from '@perfscope/core/codec'

/** A valid binary batch of `n` samples, to truncate and mutate in tests. */
export function encodeBatchBytes(n: number): Uint8Array {
  const samples = Array.from({ length: n }, (_, i) => ({
    key: `http.GET /k${i % 7}`,
    t: i * 13.1,
    v: i * 2.5,
    tags: { status: '200' },
  }))
  return encodeBytes({ samples, batchId: 1, timeOrigin: 0 })
}
