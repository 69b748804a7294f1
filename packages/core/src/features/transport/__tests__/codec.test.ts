import { describe, expect, it } from 'vitest'
import type { Sample } from '../../../types.ts'
import {
  BATCH_FORMAT_VERSION,
  BatchDecodeError,
  decodeBatch,
  encodeBatch,
  encodeBatchBytes,
  MAX_PAYLOAD_BYTES,
  MAX_TAGS_PER_SAMPLE,
  MIN_DEFLATE_BYTES,
  VALUE_PRECISION,
} from '../codec.ts'
import { fromBase64url, toBase64url } from '../base64url.ts'
import { deflateSync, inflateSync as inflateRaw } from 'fflate'
import { V1_BATCH } from './v1Batch.ts'
import { encodeV2Payload } from '../codecV2.ts'

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** To 0.1 ms, as `performance.now()` and its differences are outside cross-origin isolation. */
const tenths = (x: number) => Math.round(x * 10) / 10

/**
 * Samples shaped like those of an app polling a few endpoints (as the codec bench makes them): a sample every
 * 0–40 ms, four in five request timings tagged with a status, the rest long tasks, frames, CLS and heap size.
 */
function realisticSamples(n: number, random = mulberry32(7)): Sample[] {
  const endpoints = ['http.GET /api/items', 'http.GET /api/users/:id', 'http.POST /api/events', 'http.GET /api/status']
  const others = ['longtask', 'frame', 'vital.CLS', 'memory.usedJSHeapSize']
  // Latencies spread like real ones: log-normal around `median` (Box–Muller).
  const logNormal = (median: number) =>
    median * Math.exp(0.8 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()))
  const samples: Sample[] = []
  let t = 1000
  for (let i = 0; i < n; i++) {
    t = tenths(t + random() * 40)
    if (random() < 0.8) {
      const key = endpoints[Math.floor(random() * endpoints.length)]!
      samples.push({ key, t, v: tenths(logNormal(80)), tags: { status: random() < 0.97 ? '200' : '503' } })
      continue
    }
    const key = others[Math.floor(random() * others.length)]!
    const v =
      key === 'vital.CLS'
        ? Math.round(random() * 300) / 1000
        : key === 'memory.usedJSHeapSize'
          ? Math.round(3e7 + random() * 1e6)
          : tenths(logNormal(60))
    samples.push({ key, t, v })
  }
  return samples
}

/**
 * Within the stated precision (times to 0.1 ms, values to {@link VALUE_PRECISION}), and exactly the doubles
 * `round(t × 10) / 10` and `round(v × 1000) / 1000` that every format version has promised.
 */
function expectClose(decoded: Sample[], original: Sample[]): void {
  expect(decoded).toHaveLength(original.length)
  decoded.forEach((s, i) => {
    const o = original[i]!
    expect(s.key).toBe(o.key)
    expect(Math.abs(s.t - o.t)).toBeLessThanOrEqual(0.05 + 1e-9)
    expect(Math.abs(s.v - o.v)).toBeLessThanOrEqual(VALUE_PRECISION / 2 + 1e-9)
    // `+ 0` turns -0 into 0: the wire has one zero.
    expect(s.t + 0).toBe(Math.round(o.t * 10) / 10 + 0)
    expect(s.v + 0).toBe(Math.round(o.v * 1000) / 1000 + 0)
    expect({ ...s.tags }).toEqual({ ...o.tags })
  })
}

/** A version byte and a deflated payload, base64url. */
const batchText = (version: number, payload: number[]) =>
  toBase64url(new Uint8Array([version, ...deflateSync(new Uint8Array(payload))]))

/** Thousands of encodes and decodes: seconds on a busy two-core machine, more than Vitest's default 5 s. */
const PROPERTY_TEST_TIMEOUT_MS = 30_000

describe('base64url', () => {
  it('writes RFC 4648 base64url without padding, and round-trips every length and byte value', () => {
    const random = mulberry32(1)
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(random() * 256))
      const text = toBase64url(bytes)
      expect(text).toBe(Buffer.from(bytes).toString('base64url'))
      expect(fromBase64url(text)).toEqual(bytes)
    }
  })

  it('refuses characters outside the alphabet', () => {
    expect(fromBase64url('ab+c')).toBeNull()
    expect(fromBase64url('a')).toBeNull()
  })
})

describe('encodeBatch() / decodeBatch()', () => {
  it('sends the first tags a decoder takes of a sample with more, own properties only, and loses no sample', () => {
    const inherited = Object.create({ fromPrototype: 'x' }) as Record<string, string>
    for (let i = 0; i < MAX_TAGS_PER_SAMPLE + 5; i++) inherited[`t${i}`] = String(i)
    const samples: Sample[] = [
      { key: 'http.GET /a', t: 1, v: 2, tags: inherited },
      { key: 'http.GET /a', t: 2, v: 3, tags: { status: '200' } },
    ]
    const decoded = decodeBatch(encodeBatch({ samples, batchId: 7, timeOrigin: 0 })).samples
    expect(Object.keys(decoded[0]!.tags!)).toEqual(Array.from({ length: MAX_TAGS_PER_SAMPLE }, (_, i) => `t${i}`))
    expect(decoded[1]!.tags).toEqual({ status: '200' })
  })

  it('sends a small batch as one stored deflate block and a larger one compressed, both decoding alike', () => {
    for (const [n, stored] of [
      [3, true],
      [300, false],
    ] as const) {
      const bytes = encodeBatchBytes({ samples: realisticSamples(n), batchId: 1, timeOrigin: 0 })
      // The first block's header, after the version byte: BTYPE 00 is a stored block.
      expect([n, (bytes[1]! & 0b110) === 0]).toEqual([n, stored])
      // A stored block is the payload itself, behind a 5-byte header.
      if (stored) expect(bytes.length - 1 - 5).toBeLessThan(MIN_DEFLATE_BYTES)
      expect(decodeBatch(toBase64url(bytes)).samples).toHaveLength(n)
    }
  })

  it('writes a stored batch as the very block a deflater writes at level 0, up to the threshold', () => {
    const stored: boolean[] = []
    for (const n of [1, 20, 40, 60, 150]) {
      const input = { samples: realisticSamples(n), batchId: 1, timeOrigin: 0 }
      const payload = encodeV2Payload(input)
      const bytes = encodeBatchBytes(input)
      stored.push(payload.length < MIN_DEFLATE_BYTES)
      if (payload.length < MIN_DEFLATE_BYTES) expect(bytes.subarray(1)).toEqual(deflateSync(payload, { level: 0 }))
      else expect(bytes[1]! & 0b110).not.toBe(0)
      expect(inflateRaw(bytes.subarray(1))).toEqual(payload)
    }
    expect(stored).toEqual([true, true, true, true, false])
  })

  it('writes the current format version', () => {
    expect(BATCH_FORMAT_VERSION).toBe(2)
    expect(encodeBatchBytes({ samples: realisticSamples(3), batchId: 1, timeOrigin: 0 })[0]).toBe(2)
  })

  it(
    'round-trips random batches within the stated precision (property test)',
    () => {
      const random = mulberry32(99)
      // Values as fine as the format carries, and as coarse as clocks and counters make them.
      const quanta = [0, 0.001, 0.005, 0.1, 1, 1024]
      for (let run = 0; run < 300; run++) {
        const n = Math.floor(random() * 60)
        const quantum = quanta[run % quanta.length]!
        const samples: Sample[] = []
        let t = random() * 1e6
        for (let i = 0; i < n; i++) {
          // Now and then a sample earlier than the one before: samples are pushed when they end.
          t += (random() - 0.1) * 1000
          const raw = (random() - 0.3) * 10 ** Math.floor(random() * 7)
          const v = quantum === 0 ? raw : Math.round(raw / quantum) * quantum
          const sample: Sample = { key: `k${Math.floor(random() * 8)}.ü`, t, v }
          if (random() < 0.5) sample.tags = { a: String(Math.floor(random() * 5)), ['__proto__']: 'x' }
          samples.push(sample)
        }
        const batch = {
          samples,
          batchId: Math.floor(random() * 2 ** 32),
          timeOrigin: 1_700_000_000_000 + run,
          dropped: run,
        }
        const decoded = decodeBatch(encodeBatch(batch))
        expect(decoded.batchId).toBe(batch.batchId)
        expect(decoded.timeOrigin).toBe(batch.timeOrigin)
        expect(decoded.dropped).toBe(run)
        expectClose(decoded.samples, samples)
      }
    },
    PROPERTY_TEST_TIMEOUT_MS,
  )

  it('keeps a tag named __proto__ a plain tag', () => {
    const samples: Sample[] = [{ key: 'http.GET /', t: 1, v: 2, tags: { ['__proto__']: 'polluted' } }]
    const [sample] = decodeBatch(encodeBatch({ samples, batchId: 1, timeOrigin: 0 })).samples
    expect(Object.getPrototypeOf(sample!.tags)).toBeNull()
    expect(Object.keys(sample!.tags!)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('encodes NaN and infinite values without hanging, clamped to what the wire can carry', () => {
    const samples: Sample[] = [
      { key: 'x', t: Number.NaN, v: Number.NaN },
      { key: 'x', t: 5, v: Number.POSITIVE_INFINITY },
      { key: 'x', t: 6, v: Number.NEGATIVE_INFINITY },
    ]
    const decoded = decodeBatch(encodeBatch({ samples, batchId: 1, timeOrigin: 0 })).samples
    expect(decoded.map((s) => s.t)).toEqual([0, 5, 6])
    expect(decoded[0]!.v).toBe(0)
    expect(decoded[1]!.v).toBeGreaterThan(1e12)
    expect(decoded[2]!.v).toBeLessThan(-1e12)
  })

  it('keeps at most 16 tags of a sample, so one sample cannot get the batch refused', () => {
    const tags = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`t${i}`, String(i)]))
    const [sample] = decodeBatch(
      encodeBatch({ samples: [{ key: 'x', t: 1, v: 1, tags }], batchId: 1, timeOrigin: 0 }),
    ).samples
    expect(Object.keys(sample!.tags!)).toHaveLength(16)
  })

  it('makes a batch of 300 realistic samples at most 10 % of their plain JSON size', () => {
    const samples = realisticSamples(300)
    const encoded = encodeBatch({ samples, batchId: 1, timeOrigin: 1_790_000_000_000 })
    const json = JSON.stringify(samples)
    expect(encoded.length / json.length).toBeLessThanOrEqual(0.1)
  })

  it.each([
    ['an empty string', '', 'malformed'],
    ['text that is not base64url', '!!!!', 'malformed'],
    ['a future format version (3)', toBase64url(new Uint8Array([3, 1, 2, 3])), 'version'],
    ['format version 0', toBase64url(new Uint8Array([0, 1, 2, 3])), 'version'],
    ['bytes that do not inflate', toBase64url(new Uint8Array([2, 255, 255, 255, 0, 1])), 'malformed'],
    ['an oversized header', 'A'.repeat(20_000), 'oversized'],
    // batchId, timeOrigin, dropped, 0 strings, 1 sample, 1 key whose name is string 5
    ['a key name past the string table', batchText(2, [1, 0, 0, 0, 1, 1, 5, 0, 1]), 'bounds'],
    // ... 1 string, 1 sample, 1 key (string 0, base 0, unit 1), time frame, then a sample of key 3
    ['a sample key past the keys', batchText(2, [1, 0, 0, 1, 1, 120, 1, 1, 0, 0, 1, 0, 1, 3, 0, 0, 0]), 'bounds'],
    ['more keys than samples', batchText(2, [1, 0, 0, 1, 1, 120, 1, 2]), 'bounds'],
    ['a key unit of 0', batchText(2, [1, 0, 0, 1, 1, 120, 1, 1, 0, 0, 0]), 'bounds'],
    ['a sample with 17 tags', batchText(2, [1, 0, 0, 1, 1, 120, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 17]), 'bounds'],
    [
      'bytes after the last column',
      batchText(2, [1, 0, 0, 1, 1, 120, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 9]),
      'malformed',
    ],
  ] as const)('rejects %s with a typed error', (_what, text, reason) => {
    try {
      decodeBatch(text)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(BatchDecodeError)
      expect((error as BatchDecodeError).reason).toBe(reason)
    }
  })

  it('accepts the hand-built minimal batch the rejections above are mutations of', () => {
    const batch = decodeBatch(batchText(2, [1, 0, 0, 1, 1, 120, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0]))
    expect(batch.samples).toEqual([{ key: 'x', t: 0, v: 0 }])
  })

  it('rejects a truncated batch', () => {
    const bytes = encodeBatchBytes({ samples: realisticSamples(50), batchId: 1, timeOrigin: 0 })
    expect(() => decodeBatch(toBase64url(bytes.subarray(0, bytes.length - 8)))).toThrow(BatchDecodeError)
  })

  it.each([1, 2])('stops a decompression bomb at the payload cap (version %i)', (version) => {
    const bomb = deflateSync(new Uint8Array(MAX_PAYLOAD_BYTES * 4))
    const text = toBase64url(new Uint8Array([version, ...bomb]))
    expect(() => decodeBatch(text, { maxBytes: 1 << 20, maxInflateRatio: Infinity })).toThrow(/oversized/)
  })

  it(
    'never throws anything but BatchDecodeError on random and mutated input (fuzz)',
    () => {
      const random = mulberry32(2024)
      const validV2 = encodeBatchBytes({ samples: realisticSamples(40), batchId: 9, timeOrigin: 5 })
      const validV1 = fromBase64url(V1_BATCH.text)!
      for (let i = 0; i < 4500; i++) {
        let bytes: Uint8Array
        if (i % 3 === 0) {
          bytes = Uint8Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256))
          if (random() < 0.5 && bytes.length > 0) bytes[0] = 1 + Math.floor(random() * 2)
        } else {
          const valid = i % 3 === 1 ? validV2 : validV1
          bytes = valid.slice(0, Math.max(1, Math.floor(random() * (valid.length + 1))))
          const flips = 1 + Math.floor(random() * 4)
          for (let f = 0; f < flips; f++)
            bytes[1 + Math.floor(random() * (bytes.length - 1))] = Math.floor(random() * 256)
        }
        try {
          decodeBatch(toBase64url(bytes))
        } catch (error) {
          expect(error).toBeInstanceOf(BatchDecodeError)
        }
      }
    },
    PROPERTY_TEST_TIMEOUT_MS,
  )

  it(
    'never throws anything but BatchDecodeError on payloads mutated before deflate (fuzz)',
    () => {
      // Mutating deflated bytes mostly breaks the deflate stream; this reaches the column readers themselves.
      const random = mulberry32(77)
      const payload = fromBase64url(encodeBatch({ samples: realisticSamples(30), batchId: 3, timeOrigin: 5 }))!
      const inflated = inflateRaw(payload.subarray(1))
      for (let i = 0; i < 3000; i++) {
        const bytes = inflated.slice(0, Math.max(0, inflated.length - Math.floor(random() * 4)))
        const flips = 1 + Math.floor(random() * 3)
        for (let f = 0; f < flips; f++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256)
        try {
          decodeBatch(toBase64url(new Uint8Array([1 + (i % 2), ...deflateSync(bytes)])))
        } catch (error) {
          expect(error).toBeInstanceOf(BatchDecodeError)
        }
      }
    },
    PROPERTY_TEST_TIMEOUT_MS,
  )
})

describe('decodeBatch() of version 1 batches', () => {
  it('decodes a batch written by the version 1 encoder of the previous release', () => {
    const batch = decodeBatch(V1_BATCH.text)
    expect(batch.batchId).toBe(V1_BATCH.batchId)
    expect(batch.timeOrigin).toBe(V1_BATCH.timeOrigin)
    expect(batch.dropped).toBe(V1_BATCH.dropped)
    expectClose(batch.samples, V1_BATCH.samples)
    expect(Object.getPrototypeOf(batch.samples[2]!.tags)).toBeNull()
  })

  it('gives the same samples as the same batch encoded as version 2', () => {
    const { batchId, timeOrigin, dropped, samples } = V1_BATCH
    expect(decodeBatch(encodeBatch({ samples, batchId, timeOrigin, dropped }))).toEqual(decodeBatch(V1_BATCH.text))
  })

  it('rejects a string index past the table with a bounds error', () => {
    // batchId, timeOrigin, dropped, 0 strings, 1 sample whose key is string 5
    expect(() => decodeBatch(batchText(1, [1, 0, 0, 0, 1, 5, 0, 0, 0]))).toThrow(/bounds/)
  })

  it('rejects bytes after the last sample', () => {
    const payload = inflateRaw(fromBase64url(V1_BATCH.text)!.subarray(1))
    expect(() => decodeBatch(batchText(1, [...payload, 0]))).toThrow(/malformed/)
  })

  it('rejects a truncated version 1 batch', () => {
    const payload = inflateRaw(fromBase64url(V1_BATCH.text)!.subarray(1))
    expect(() => decodeBatch(batchText(1, [...payload.subarray(0, payload.length - 3)]))).toThrow(/truncated/)
  })
})
