import { describe, expect, it } from 'vitest'
import type { Sample } from '../../types.ts'
import {
  BatchDecodeError,
  decodeBatch,
  encodeBatch,
  encodeBatchBytes,
  MAX_PAYLOAD_BYTES,
  VALUE_PRECISION,
} from '../codec.ts'
import { fromBase64url, toBase64url } from '../base64url.ts'
import { deflateSync } from 'fflate'

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Samples shaped like a polling app's: a few endpoints, latencies, a vital or two, increasing times. */
function realisticSamples(n: number, random = mulberry32(7)): Sample[] {
  const keys = ['http.GET /api/items', 'http.GET /api/users/:id', 'http.POST /api/events', 'longtask', 'vital.CLS']
  const samples: Sample[] = []
  let t = 1000
  for (let i = 0; i < n; i++) {
    t += random() * 250
    const key = keys[Math.floor(random() * keys.length)]!
    const v = key === 'vital.CLS' ? random() * 0.3 : 20 + random() * 180
    const sample: Sample = { key, t, v }
    if (key.startsWith('http.')) sample.tags = { status: random() < 0.98 ? '200' : '500' }
    samples.push(sample)
  }
  return samples
}

function expectClose(decoded: Sample[], original: Sample[]): void {
  expect(decoded).toHaveLength(original.length)
  decoded.forEach((s, i) => {
    const o = original[i]!
    expect(s.key).toBe(o.key)
    expect(Math.abs(s.t - o.t)).toBeLessThanOrEqual(0.05 + 1e-9)
    expect(Math.abs(s.v - o.v)).toBeLessThanOrEqual(VALUE_PRECISION / 2 + 1e-9)
    expect({ ...s.tags }).toEqual({ ...o.tags })
  })
}

describe('base64url', () => {
  it('round-trips every length and byte value', () => {
    const random = mulberry32(1)
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(random() * 256))
      const text = toBase64url(bytes)
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/)
      expect(fromBase64url(text)).toEqual(bytes)
    }
  })

  it('refuses characters outside the alphabet', () => {
    expect(fromBase64url('ab+c')).toBeNull()
    expect(fromBase64url('a')).toBeNull()
  })
})

describe('encodeBatch() / decodeBatch()', () => {
  it('round-trips random batches within the stated precision (property test)', () => {
    const random = mulberry32(99)
    for (let run = 0; run < 200; run++) {
      const n = Math.floor(random() * 60)
      const samples: Sample[] = []
      let t = random() * 1e6
      for (let i = 0; i < n; i++) {
        t += random() * 1000
        const sample: Sample = { key: `k${Math.floor(random() * 8)}.ü`, t, v: (random() - 0.3) * 10 ** Math.floor(random() * 7) }
        if (random() < 0.5) sample.tags = { a: String(Math.floor(random() * 5)), '__proto__': 'x' }
        samples.push(sample)
      }
      const batch = { samples, batchId: Math.floor(random() * 2 ** 32), timeOrigin: 1_700_000_000_000 + run, dropped: run }
      const decoded = decodeBatch(encodeBatch(batch))
      expect(decoded.batchId).toBe(batch.batchId)
      expect(decoded.timeOrigin).toBe(batch.timeOrigin)
      expect(decoded.dropped).toBe(run)
      expectClose(decoded.samples, samples)
    }
  })

  it('makes a batch of 300 realistic samples at most 10 % of their plain JSON size', () => {
    const samples = realisticSamples(300)
    const encoded = encodeBatch({ samples, batchId: 1, timeOrigin: Date.now() })
    const json = JSON.stringify(samples)
    expect(encoded.length / json.length).toBeLessThanOrEqual(0.1)
  })

  it.each([
    ['an empty string', '', 'malformed'],
    ['text that is not base64url', '!!!!', 'malformed'],
    ['a future format version', toBase64url(new Uint8Array([2, 1, 2, 3])), 'version'],
    ['bytes that do not inflate', toBase64url(new Uint8Array([1, 255, 255, 255, 0, 1])), 'malformed'],
    ['an oversized header', 'A'.repeat(20_000), 'oversized'],
  ] as const)('rejects %s with a typed error', (_what, text, reason) => {
    try {
      decodeBatch(text)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(BatchDecodeError)
      expect((error as BatchDecodeError).reason).toBe(reason)
    }
  })

  it('rejects a truncated batch', () => {
    const bytes = encodeBatchBytes({ samples: realisticSamples(50), batchId: 1, timeOrigin: 0 })
    expect(() => decodeBatch(toBase64url(bytes.subarray(0, bytes.length - 8)))).toThrow(BatchDecodeError)
  })

  it('stops a decompression bomb at the payload cap', () => {
    const bomb = deflateSync(new Uint8Array(MAX_PAYLOAD_BYTES * 4))
    const text = toBase64url(new Uint8Array([1, ...bomb]))
    expect(() => decodeBatch(text, { maxBytes: 1 << 20 })).toThrow(/oversized/)
  })

  it('rejects a string index past the table with a bounds error', () => {
    // batchId, timeOrigin, dropped, 0 strings, 1 sample whose key is string 5
    const payload = new Uint8Array([1, 0, 0, 0, 1, 5, 0, 0, 0])
    const text = toBase64url(new Uint8Array([1, ...deflateSync(payload)]))
    expect(() => decodeBatch(text)).toThrow(/bounds/)
  })

  it('never throws anything but BatchDecodeError on random and mutated input (fuzz)', () => {
    const random = mulberry32(2024)
    const valid = encodeBatchBytes({ samples: realisticSamples(40), batchId: 9, timeOrigin: 5 })
    for (let i = 0; i < 3000; i++) {
      let bytes: Uint8Array
      if (i % 2 === 0) {
        bytes = Uint8Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256))
        if (random() < 0.5 && bytes.length > 0) bytes[0] = 1
      } else {
        bytes = valid.slice(0, Math.max(1, Math.floor(random() * (valid.length + 1))))
        const flips = 1 + Math.floor(random() * 4)
        for (let f = 0; f < flips; f++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256)
      }
      try {
        decodeBatch(toBase64url(bytes))
      } catch (error) {
        expect(error).toBeInstanceOf(BatchDecodeError)
      }
    }
  })
})
