import type { Sample } from '../../types.ts'
import { BatchDecodeError, bounded } from './batchDecodeError.ts'
import type { ByteReader, ByteWriter } from './byteIo.ts'

/** Values travel as integers of this unit: 0.001 ms for durations, 0.001 for CLS-like scores. */
export const VALUE_PRECISION = 0.001
export const VALUE_SCALE = 1000
/** Times travel in 0.1 ms, the resolution browsers give `performance.now()` outside cross-origin isolation. */
export const TIME_SCALE = 10

/** Header sizes above this are refused before decoding (the server's default cap). */
export const DEFAULT_MAX_BATCH_BYTES = 16 * 1024
/** Inflated payloads above this are refused (a decompression bomb stops here). */
export const MAX_PAYLOAD_BYTES = 256 * 1024
/**
 * A payload may inflate to this many times its deflated size. Batches of real samples inflate about 2.5×
 * (2,000 samples: 15 KB from 6 KB); 20,000 identical zero samples inflate 500× and cost the decoder 20,000
 * objects for a 246-byte header. Small payloads are exempt ({@link MIN_PAYLOAD_ALLOWANCE}).
 */
export const MAX_INFLATE_RATIO = 32
/** Every batch may inflate to this much, whatever its ratio: a few hundred plain samples. */
export const MIN_PAYLOAD_ALLOWANCE = 8 * 1024
export const MAX_SAMPLES_PER_BATCH = 20_000
/** Distinct metric keys in one batch: the client keeps 200 endpoints by default, plus vitals and frames. */
export const MAX_KEYS_PER_BATCH = 1_024
export const MAX_STRINGS_PER_BATCH = 4_096
export const MAX_STRING_BYTES = 512
export const MAX_TAGS_PER_SAMPLE = 16

/** Samples a slice of decoding handles before it yields: a fraction of a millisecond of work. */
export const DECODE_STEP_SAMPLES = 256

/** What a decoder accepts; each cap is checked before the bytes or objects it guards are read or made. */
export interface DecodeLimits {
  /** Largest accepted header / body text, in bytes (default 16 KiB). */
  maxBytes: number
  /** Largest inflated payload, in bytes (default 256 KiB). */
  maxPayloadBytes: number
  /** Largest inflated / deflated size ratio above {@link MIN_PAYLOAD_ALLOWANCE} (default 32). */
  maxInflateRatio: number
  /** Samples per batch (default 20,000). */
  maxSamples: number
  /** Distinct metric keys per batch (default 1,024). */
  maxKeys: number
  /** Entries of the string table (default 4,096). */
  maxStrings: number
  /** UTF-8 bytes of one string (default 512). */
  maxStringBytes: number
}

export const DEFAULT_DECODE_LIMITS: Readonly<DecodeLimits> = Object.freeze({
  maxBytes: DEFAULT_MAX_BATCH_BYTES,
  maxPayloadBytes: MAX_PAYLOAD_BYTES,
  maxInflateRatio: MAX_INFLATE_RATIO,
  maxSamples: MAX_SAMPLES_PER_BATCH,
  maxKeys: MAX_KEYS_PER_BATCH,
  maxStrings: MAX_STRINGS_PER_BATCH,
  maxStringBytes: MAX_STRING_BYTES,
})

/** The defaults with `options` on top; a cap can be lowered or raised, never made NaN or negative. */
export function resolveDecodeLimits(options: Partial<DecodeLimits> = {}): DecodeLimits {
  const limits = { ...DEFAULT_DECODE_LIMITS }
  for (const name of Object.keys(limits) as Array<keyof DecodeLimits>) {
    const value = options[name]
    if (typeof value === 'number' && value >= 0) limits[name] = value
  }
  return limits
}

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

export interface EncodeInput {
  samples: readonly Sample[]
  batchId: number
  timeOrigin: number
  dropped?: number
}

/** The encoder's string table: each distinct string once, referred to by its index. */
export class StringTable {
  private readonly indexes = new Map<string, number>()

  index(s: string): number {
    let i = this.indexes.get(s)
    if (i === undefined) {
      i = this.indexes.size
      this.indexes.set(s, i)
    }
    return i
  }

  /**
   * Adds the index of each tag's name and value to `out`, for at most `max` own tags (the decoder refuses a sample
   * with more, which would lose the whole batch); returns how many it added.
   */
  pairs(tags: Readonly<Record<string, string>>, max: number, out: number[]): number {
    const indexes = this.indexes
    let count = 0
    for (const name in tags) {
      if (count === max) break
      if (!hasOwn.call(tags, name)) continue
      const value = String(tags[name])
      let a = indexes.get(name)
      if (a === undefined) indexes.set(name, (a = indexes.size))
      let b = indexes.get(value)
      if (b === undefined) indexes.set(value, (b = indexes.size))
      out.push(a, b)
      count++
    }
    return count
  }

  strings(): IterableIterator<string> {
    return this.indexes.keys()
  }

  get size(): number {
    return this.indexes.size
  }
}

const hasOwn = Object.prototype.hasOwnProperty
const textEncoder = /* @__PURE__ */ new TextEncoder()
const textDecoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true })

/** What every version starts with: `batchId · timeOrigin · dropped · strings · (length · utf8)*`. */
export interface Preamble {
  batchId: number
  timeOrigin: number
  dropped: number
  strings: string[]
}

/** Writes the preamble; `table` must already hold every string the payload refers to. */
export function writePreamble(w: ByteWriter, input: EncodeInput, table: StringTable): void {
  w.varint(input.batchId >>> 0)
  w.varint(Math.max(0, Math.round(input.timeOrigin)))
  w.varint(Math.max(0, Math.floor(input.dropped ?? 0)))
  w.varint(table.size)
  for (const s of table.strings()) {
    // A UTF-16 unit takes at most 3 UTF-8 bytes (4 for a pair), so a quarter of the cap in units always fits.
    const utf8 = textEncoder.encode(s.length > MAX_STRING_BYTES ? s.slice(0, MAX_STRING_BYTES / 4) : s)
    w.varint(utf8.length)
    w.raw(utf8)
  }
}

/**
 * Reads the preamble, checking the string count (against the cap and the bytes left: each string has at least
 * its length byte), then each length before its bytes are read, and the UTF-8. Yields every
 * {@link DECODE_STEP_SAMPLES} strings.
 */
export function* readPreambleSteps(
  r: ByteReader,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
): Generator<void, Preamble, void> {
  const batchId = r.varint('batch id')
  const timeOrigin = r.varint('time origin')
  const dropped = r.varint('dropped count')
  const stringCount = bounded(r.varint('string count'), limits.maxStrings, 'string count', 'too-many-strings')
  r.need(stringCount, 'the string table')
  const strings: string[] = []
  for (let i = 0; i < stringCount; i++) {
    const length = bounded(r.varint('string length'), limits.maxStringBytes, 'string length', 'string-too-long')
    try {
      strings.push(textDecoder.decode(r.raw(length, 'a string')))
    } catch (error) {
      if (error instanceof BatchDecodeError) throw error
      throw new BatchDecodeError('malformed', 'a string is not valid UTF-8')
    }
    if ((i + 1) % DECODE_STEP_SAMPLES === 0) yield
  }
  return { batchId, timeOrigin, dropped, strings }
}

/** The string at `index`, or a `bounds` error. */
export function stringAt(strings: readonly string[], index: number, what: string): string {
  const s = strings[index]
  if (s === undefined) throw new BatchDecodeError('bounds', `${what} refers to string ${index} of ${strings.length}`)
  return s
}

/** Reads `count` tag pairs (`name · value` string indexes) into a record without a prototype. */
export function readTags(r: ByteReader, strings: readonly string[], count: number): Record<string, string> {
  // No prototype: a tag named `__proto__` from the wire must stay a plain key.
  const tags: Record<string, string> = Object.create(null)
  for (let j = 0; j < count; j++) {
    tags[stringAt(strings, r.varint('tag name'), 'tag name')] = stringAt(strings, r.varint('tag value'), 'tag value')
  }
  return tags
}
