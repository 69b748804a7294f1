import { deflateSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { ByteWriter } from '../byteIo.ts'
import {
  BatchDecodeError,
  decodeBatch,
  decodeBatchSteps,
  DECODE_STEP_SAMPLES,
  encodeBatch,
  MAX_KEYS_PER_BATCH,
  MAX_PAYLOAD_BYTES,
  MAX_STRING_BYTES,
  MAX_STRINGS_PER_BATCH,
  toBase64url,
  type BatchDecodeReason,
  type DecodeOptions,
} from '../codec.ts'

/** A version byte and a deflated payload written with `write`, base64url. */
function batchOf(write: (w: ByteWriter) => void, version = 2): string {
  const w = new ByteWriter()
  write(w)
  return toBase64url(new Uint8Array([version, ...deflateSync(w.written, { level: 9 })]))
}

/** batchId, timeOrigin, dropped, then the string table `strings`. */
function preamble(w: ByteWriter, strings: string[] = ['x']): void {
  w.varint(1)
  w.varint(1_700_000_000_000)
  w.varint(0)
  w.varint(strings.length)
  for (const s of strings) {
    const utf8 = new TextEncoder().encode(s)
    w.varint(utf8.length)
    w.raw(utf8)
  }
}

/** `n` samples of one key, every column all zeros: the most samples per header byte the format allows. */
function zeroSamples(w: ByteWriter, n: number): void {
  preamble(w)
  w.varint(n)
  w.varint(1)
  w.varint(0)
  w.zigzag(0)
  w.varint(1)
  w.zigzag(0)
  w.varint(1)
  for (let i = 0; i < 4 * n; i++) w.varint(0)
}

function reasonOf(text: string, options?: DecodeOptions): BatchDecodeReason | 'accepted' {
  try {
    decodeBatch(text, options)
    return 'accepted'
  } catch (error) {
    expect(error).toBeInstanceOf(BatchDecodeError)
    return (error as BatchDecodeError).reason
  }
}

/** Runs the sliced decoder to its end or its error and counts the slices it took. */
function stepsOf(text: string, options?: DecodeOptions): { steps: number; reason: BatchDecodeReason | 'accepted' } {
  const steps = decodeBatchSteps(text, options)
  let count = 0
  try {
    for (;;) {
      count++
      if (steps.next().done) return { steps: count, reason: 'accepted' }
    }
  } catch (error) {
    return { steps: count, reason: (error as BatchDecodeError).reason }
  }
}

describe('decodeBatch() against the worst inputs the format allows', () => {
  it('refuses a header of about 246 bytes that claims 20,000 samples, before making them', () => {
    const text = batchOf((w) => zeroSamples(w, 20_000))
    expect(text.length).toBeLessThan(300)
    expect(reasonOf(text)).toBe('inflate-ratio')
    // The ratio is what stops it: with the ratio cap lifted the same bytes are a valid batch.
    expect(decodeBatch(text, { maxInflateRatio: Infinity }).samples).toHaveLength(20_000)
  })

  const bomb = toBase64url(new Uint8Array([2, ...deflateSync(new Uint8Array(11.6 * 1024 * 1024), { level: 9 })]))

  it('stops a 15.7 KB deflate bomb (11.6 MiB inflated) one slice past the payload cap', () => {
    expect(bomb.length).toBeGreaterThan(15_000)
    expect(bomb.length).toBeLessThan(16_384)
    const { steps, reason } = stepsOf(bomb)
    // 32 × 11.6 KB deflated allows more than the absolute cap, so the absolute cap (256 KiB) is what stops it.
    expect(MAX_PAYLOAD_BYTES).toBe(256 * 1024)
    expect(reason).toBe('oversized')
    // Slices give at most about 64 KiB each: the 11.6 MiB stream would take about 180; 256 KiB takes 4, plus one.
    expect(steps).toBeLessThanOrEqual(5)
  })

  it('stops the same bomb at the ratio cap when that is lower', () => {
    const { steps, reason } = stepsOf(bomb, { maxInflateRatio: 4 })
    expect(reason).toBe('inflate-ratio')
    // 4 × 11.6 KB = 46 KB: within the first slice or the one after.
    expect(steps).toBeLessThanOrEqual(2)
  })

  it('slices a valid 20,000-sample batch into steps of at most a thousand samples', () => {
    const samples = Array.from({ length: 20_000 }, (_, i) => ({
      key: `k${i % 50}`,
      t: i * 3.7,
      v: (i * 7919) % 1000,
      tags: { s: '200' },
    }))
    const text = encodeBatch({ samples, batchId: 1, timeOrigin: 0 })
    const { steps, reason } = stepsOf(text, { maxBytes: 1 << 20, maxInflateRatio: Infinity })
    expect(reason).toBe('accepted')
    // Four columns of 20,000 samples, a slice per DECODE_STEP_SAMPLES of each, plus the inflate slices.
    expect(steps).toBeGreaterThanOrEqual((4 * 20_000) / DECODE_STEP_SAMPLES)
  })

  it('drops a batch over the key cap', () => {
    const keys = Array.from({ length: MAX_KEYS_PER_BATCH + 1 }, (_, i) => `k${i}`)
    const samples = keys.map((key, i) => ({ key, t: i, v: i }))
    const text = encodeBatch({ samples, batchId: 1, timeOrigin: 0 })
    expect(reasonOf(text, { maxBytes: 1 << 20 })).toBe('too-many-keys')
    expect(reasonOf(text, { maxBytes: 1 << 20, maxKeys: MAX_KEYS_PER_BATCH + 1 })).toBe('accepted')
  })

  it('refuses a key table that claims a million keys without allocating them', () => {
    const text = batchOf((w) => {
      preamble(w)
      w.varint(20_000)
      w.varint(1_000_000)
    })
    expect(reasonOf(text)).toBe('bounds')
    const claimed = batchOf((w) => {
      preamble(w)
      w.varint(20_000)
      w.varint(1_000)
      w.varint(0)
    })
    expect(reasonOf(claimed)).toBe('truncated')
  })

  it('refuses a string table over its cap, and one that claims more strings than it has bytes', () => {
    const table = Array.from({ length: MAX_STRINGS_PER_BATCH + 1 }, () => 'a')
    expect(
      reasonOf(
        batchOf((w) => preamble(w, table)),
        { maxInflateRatio: Infinity },
      ),
    ).toBe('too-many-strings')
    const claimed = batchOf((w) => {
      w.varint(1)
      w.varint(0)
      w.varint(0)
      w.varint(MAX_STRINGS_PER_BATCH)
      w.varint(1)
    })
    expect(reasonOf(claimed)).toBe('truncated')
  })

  it('refuses an over-long string by its length, before reading it', () => {
    expect(reasonOf(batchOf((w) => preamble(w, ['a'.repeat(MAX_STRING_BYTES + 1)])))).toBe('string-too-long')
    const claimed = batchOf((w) => {
      w.varint(1)
      w.varint(0)
      w.varint(0)
      w.varint(1)
      w.varint(2 ** 40)
    })
    expect(reasonOf(claimed)).toBe('string-too-long')
    expect(
      reasonOf(
        batchOf((w) => preamble(w, ['a'.repeat(40)])),
        { maxStringBytes: 39 },
      ),
    ).toBe('string-too-long')
  })

  it('refuses more samples than the cap, and a count the payload cannot hold, before allocating', () => {
    expect(
      reasonOf(
        batchOf((w) => zeroSamples(w, 101)),
        { maxSamples: 100 },
      ),
    ).toBe('too-many-samples')
    const claimed = batchOf((w) => {
      preamble(w)
      w.varint(20_000)
      w.varint(1)
      w.varint(0)
      w.zigzag(0)
      w.varint(1)
      w.zigzag(0)
      w.varint(1)
      w.varint(0)
    })
    expect(reasonOf(claimed)).toBe('truncated')
  })

  it.each([
    ['ends inside a varint', [1, 0, 0, 0x80], 'truncated'],
    ['has a varint of nine bytes', [1, 0, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 1], 'malformed'],
  ] as const)('refuses a payload that %s', (_what, payload, reason) => {
    expect(reasonOf(batchOf((w) => w.raw(new Uint8Array(payload))))).toBe(reason)
    expect(reasonOf(batchOf((w) => w.raw(new Uint8Array(payload)), 1))).toBe(reason)
  })

  it('refuses a version 1 batch over the key cap', () => {
    const text = batchOf((w) => {
      preamble(w, ['a', 'b', 'c'])
      w.varint(3)
      for (let i = 0; i < 3; i++) for (const n of [i, 0, 0, 0]) w.varint(n)
    }, 1)
    expect(reasonOf(text)).toBe('accepted')
    expect(reasonOf(text, { maxKeys: 2 })).toBe('too-many-keys')
  })
})
