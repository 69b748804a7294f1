import { deflateSync, inflateSync } from 'fflate'
import type { Sample } from '../types.ts'
import { fromBase64url, toBase64url } from './base64url.ts'

/**
 * The wire format of a piggybacked batch, shared by the browser and `@perfscope/server`.
 *
 *   header  = base64url( version:u8 · deflate-raw(payload) )
 *   payload = batchId:varint · timeOrigin:varint (epoch ms) · dropped:varint
 *             · strings:varint · (len:varint · utf8)*          (one table for metric keys, tag names and values)
 *             · samples:varint · sample*
 *   sample  = key:varint (string index) · Δt:zigzag (0.1 ms units, from the previous sample)
 *             · Δv:zigzag (value × 1000, from the previous value of the same key) · tags:varint · (name:varint · value:varint)*
 *
 * Times are quantised to 0.1 ms and values to 0.001 of their unit ({@link VALUE_PRECISION}); varints are
 * unsigned LEB128 up to 2^53. Decoding checks the version, every length and index, and the total size.
 */
export const BATCH_FORMAT_VERSION = 1
/** Values travel as integers of this unit: 0.001 ms for durations, 0.001 for CLS-like scores. */
export const VALUE_PRECISION = 0.001
const VALUE_SCALE = 1000
const TIME_SCALE = 10

/** Header sizes above this are refused before decoding (the server's default cap). */
export const DEFAULT_MAX_BATCH_BYTES = 16 * 1024
/** Inflated payloads above this are refused (a decompression bomb stops here). */
export const MAX_PAYLOAD_BYTES = 256 * 1024
export const MAX_SAMPLES_PER_BATCH = 20_000
export const MAX_STRINGS_PER_BATCH = 4_096
export const MAX_STRING_BYTES = 512
export const MAX_TAGS_PER_SAMPLE = 16

/** One decoded batch. Sample times are on the sender's `performance.now()` clock; add `timeOrigin` for epoch ms. */
export interface Batch {
  /** Random id; a receiver can drop a batch it has already seen. */
  batchId: number
  /** The sender's `performance.timeOrigin`, epoch ms, rounded. */
  timeOrigin: number
  /** Samples the sender had to drop since its previous batch (its buffer was full). */
  dropped: number
  samples: Sample[]
}

export type BatchDecodeReason = 'malformed' | 'truncated' | 'oversized' | 'version' | 'bounds'

/** Why a batch was refused; `reason` is stable for counting, `message` says what was wrong. */
export class BatchDecodeError extends Error {
  override name = 'BatchDecodeError'
  constructor(
    readonly reason: BatchDecodeReason,
    message: string,
  ) {
    super(`perfscope batch rejected (${reason}): ${message}`)
  }
}

// ---- encoding -------------------------------------------------------------------------------------------

class ByteWriter {
  bytes = new Uint8Array(1024)
  length = 0

  private ensure(n: number): void {
    if (this.length + n <= this.bytes.length) return
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n))
    grown.set(this.bytes.subarray(0, this.length))
    this.bytes = grown
  }

  varint(n: number): void {
    this.ensure(8)
    while (n >= 128) {
      this.bytes[this.length++] = (n % 128) | 128
      n = Math.floor(n / 128)
    }
    this.bytes[this.length++] = n
  }

  zigzag(n: number): void {
    this.varint(n >= 0 ? n * 2 : -n * 2 - 1)
  }

  raw(data: Uint8Array): void {
    this.ensure(data.length)
    this.bytes.set(data, this.length)
    this.length += data.length
  }
}

const textEncoder = /* @__PURE__ */ new TextEncoder()
const textDecoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true })

export interface EncodeInput {
  samples: readonly Sample[]
  batchId: number
  timeOrigin: number
  dropped?: number
}

/** Encodes samples into the compact binary payload plus version byte, deflated (not yet base64url). */
export function encodeBatchBytes(input: EncodeInput): Uint8Array {
  const strings = new Map<string, number>()
  const index = (s: string): number => {
    let i = strings.get(s)
    if (i === undefined) {
      i = strings.size
      strings.set(s, i)
    }
    return i
  }
  const body = new ByteWriter()
  let previousTime = 0
  const previousValue = new Map<number, number>()
  body.varint(input.samples.length)
  for (const sample of input.samples) {
    const key = index(sample.key)
    body.varint(key)
    const t = Math.round(sample.t * TIME_SCALE)
    body.zigzag(t - previousTime)
    previousTime = t
    const v = Math.round(sample.v * VALUE_SCALE)
    body.zigzag(v - (previousValue.get(key) ?? 0))
    previousValue.set(key, v)
    const tags = sample.tags ? Object.entries(sample.tags) : []
    body.varint(tags.length)
    for (const [name, value] of tags) {
      body.varint(index(name))
      body.varint(index(String(value)))
    }
  }
  const head = new ByteWriter()
  head.varint(input.batchId >>> 0)
  head.varint(Math.max(0, Math.round(input.timeOrigin)))
  head.varint(Math.max(0, Math.floor(input.dropped ?? 0)))
  head.varint(strings.size)
  for (const s of strings.keys()) {
    const utf8 = textEncoder.encode(s.length > MAX_STRING_BYTES ? s.slice(0, MAX_STRING_BYTES / 4) : s)
    head.varint(utf8.length)
    head.raw(utf8)
  }
  head.raw(body.bytes.subarray(0, body.length))
  const compressed = deflateSync(head.bytes.subarray(0, head.length), { level: 6 })
  const out = new Uint8Array(compressed.length + 1)
  out[0] = BATCH_FORMAT_VERSION
  out.set(compressed, 1)
  return out
}

/** Encodes samples for the `X-Perfscope-Batch` header or a beacon body (base64url text). */
export function encodeBatch(input: EncodeInput): string {
  return toBase64url(encodeBatchBytes(input))
}

// ---- decoding -------------------------------------------------------------------------------------------

class ByteReader {
  offset = 0
  constructor(private readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.offset
  }

  varint(what: string): number {
    let result = 0
    let scale = 1
    for (let i = 0; i < 8; i++) {
      if (this.offset >= this.bytes.length) throw new BatchDecodeError('truncated', `payload ends inside ${what}`)
      const b = this.bytes[this.offset++]!
      result += (b & 127) * scale
      if (b < 128) return result
      scale *= 128
    }
    throw new BatchDecodeError('malformed', `${what} is longer than 8 bytes`)
  }

  zigzag(what: string): number {
    const n = this.varint(what)
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2
  }

  raw(length: number, what: string): Uint8Array {
    if (length > this.remaining) throw new BatchDecodeError('truncated', `payload ends inside ${what}`)
    const out = this.bytes.subarray(this.offset, this.offset + length)
    this.offset += length
    return out
  }
}

function bounded(n: number, max: number, what: string): number {
  if (n > max) throw new BatchDecodeError('bounds', `${what} is ${n}, more than ${max}`)
  return n
}

export interface DecodeOptions {
  /** Largest accepted header / body text, in bytes (default 16 KiB). */
  maxBytes?: number
}

/** Decodes a base64url batch. Throws a {@link BatchDecodeError} for anything that is not a valid batch. */
export function decodeBatch(text: string, options: DecodeOptions = {}): Batch {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BATCH_BYTES
  if (typeof text !== 'string' || text.length === 0) throw new BatchDecodeError('malformed', 'batch is empty')
  if (text.length > maxBytes) throw new BatchDecodeError('oversized', `batch is ${text.length} bytes, over the ${maxBytes}-byte cap`)
  const bytes = fromBase64url(text.trim())
  if (!bytes || bytes.length < 2) throw new BatchDecodeError('malformed', 'batch is not base64url')
  return decodeBatchBytes(bytes)
}

/** Decodes the binary form (version byte + deflated payload). */
export function decodeBatchBytes(bytes: Uint8Array): Batch {
  const version = bytes[0]
  if (version !== BATCH_FORMAT_VERSION) {
    throw new BatchDecodeError('version', `format version ${version} is not supported (expected ${BATCH_FORMAT_VERSION})`)
  }
  let payload: Uint8Array
  try {
    // One byte more than the cap: an output that fills it was truncated, so the payload is too large.
    payload = inflateSync(bytes.subarray(1), { out: new Uint8Array(MAX_PAYLOAD_BYTES + 1) })
  } catch (error) {
    throw new BatchDecodeError('malformed', `payload does not inflate (${(error as Error).message})`)
  }
  if (payload.length > MAX_PAYLOAD_BYTES) {
    throw new BatchDecodeError('oversized', `payload inflates to more than ${MAX_PAYLOAD_BYTES} bytes`)
  }
  const r = new ByteReader(payload)
  const batchId = r.varint('batch id')
  const timeOrigin = r.varint('time origin')
  const dropped = r.varint('dropped count')
  const stringCount = bounded(r.varint('string count'), MAX_STRINGS_PER_BATCH, 'string count')
  const strings: string[] = []
  for (let i = 0; i < stringCount; i++) {
    const length = bounded(r.varint('string length'), MAX_STRING_BYTES, 'string length')
    try {
      strings.push(textDecoder.decode(r.raw(length, 'a string')))
    } catch (error) {
      if (error instanceof BatchDecodeError) throw error
      throw new BatchDecodeError('malformed', 'a string is not valid UTF-8')
    }
  }
  const str = (i: number, what: string): string => {
    const s = strings[i]
    if (s === undefined) throw new BatchDecodeError('bounds', `${what} refers to string ${i} of ${strings.length}`)
    return s
  }
  const sampleCount = bounded(r.varint('sample count'), MAX_SAMPLES_PER_BATCH, 'sample count')
  const samples: Sample[] = []
  const previousValue = new Map<number, number>()
  let t = 0
  for (let i = 0; i < sampleCount; i++) {
    const keyIndex = r.varint('sample key')
    const key = str(keyIndex, 'sample key')
    t += r.zigzag('sample time')
    const v = (previousValue.get(keyIndex) ?? 0) + r.zigzag('sample value')
    previousValue.set(keyIndex, v)
    const tagCount = bounded(r.varint('tag count'), MAX_TAGS_PER_SAMPLE, 'tag count')
    const sample: Sample = { key, t: t / TIME_SCALE, v: v / VALUE_SCALE }
    if (tagCount > 0) {
      // No prototype: a tag named `__proto__` from the wire must stay a plain key.
      const tags: Record<string, string> = Object.create(null)
      for (let j = 0; j < tagCount; j++) tags[str(r.varint('tag name'), 'tag name')] = str(r.varint('tag value'), 'tag value')
      sample.tags = tags
    }
    samples.push(sample)
  }
  if (r.remaining !== 0) throw new BatchDecodeError('malformed', `${r.remaining} bytes after the last sample`)
  return { batchId, timeOrigin, dropped, samples }
}
export { fromBase64url, toBase64url } from './base64url.ts'
