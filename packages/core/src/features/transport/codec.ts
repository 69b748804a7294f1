import { deflateSync } from 'fflate'
import { BATCH_FORMAT_VERSION } from './batchVersion.ts'
import { fromBase64url, toBase64url } from './base64url.ts'
import { BatchDecodeError } from './batchDecodeError.ts'
import { resolveDecodeLimits, type Batch, type DecodeLimits, type EncodeInput } from './batchFormat.ts'
import { ByteReader } from './byteIo.ts'
import { inflateBounded } from './codecInflate.ts'
import { decodeV1Steps } from './codecV1.ts'
import { decodeV2Steps, encodeV2Payload } from './codecV2.ts'

/**
 * The wire format of a piggybacked batch, shared by the browser and `@perfscope/server`.
 *
 *   header  = base64url( version:u8 · deflate-raw(payload) )
 *   payload = batchId:varint · timeOrigin:varint (epoch ms) · dropped:varint
 *             · strings:varint · (len:varint · utf8)*          (one table for metric keys, tag names and values)
 *             · samples:varint
 *             · keys:varint · (name:varint · base:zigzag · unit:varint)*      (one frame per metric key)
 *             · timeBase:zigzag · timeUnit:varint
 *             · key:varint × samples                            (index into the keys)
 *             · Δt:varint × samples                             (Δt = timeBase + Δt × timeUnit, in 0.1 ms)
 *             · value:varint × samples                          (value × 1000 = base + value × unit, of its key)
 *             · tagCount:varint × samples · (name:varint · value:varint) × Σ tagCount
 *
 * Columns, not records: deflate compresses a stream of like numbers far better than interleaved fields. Each
 * key's values travel as offsets from their smallest in the largest unit that keeps them exact, so 0.1 ms
 * durations cost 0.1 ms integers while the promised precision stays 0.001 ({@link VALUE_PRECISION}). Times are
 * quantised to 0.1 ms; varints are unsigned LEB128 up to 2^53. Version 1 (records, see codecV1.ts) is still
 * decoded. Decoding checks the version, every length and index, and the total size.
 *
 * Decoding is bounded before it spends: the text length first, the inflated size while inflating (a cap and a
 * ratio to the deflated size), every count against its cap and against the bytes left before anything is
 * allocated for it. {@link decodeBatchSteps} does the same work in slices, so a server can spread it over turns.
 */
export { BATCH_FORMAT_VERSION }
/** Batches of this version, sent by earlier releases, are still accepted. */
const LEGACY_FORMAT_VERSION = 1
/** Level 6: level 9 gives the same bytes on batches of a few hundred samples, more slowly. */
const DEFLATE_LEVEL = 6
/**
 * Payloads shorter than this go as one stored deflate block (still valid deflate-raw, written here without the
 * compressor): compressing them saved a few hundred bytes of header a batch, and cost most of the encode's
 * main-thread time (deflate's set-up and a pass over every byte, mostly before the engine has optimised it). Two
 * seconds of polling at 20 requests a second, the batch an unwatched app sends, is about 500 bytes: 700 characters
 * of header stored, against 280 compressed, on one request every 2 s.
 */
export const MIN_DEFLATE_BYTES = 1024

export {
  DECODE_STEP_SAMPLES,
  DEFAULT_DECODE_LIMITS,
  DEFAULT_MAX_BATCH_BYTES,
  MAX_INFLATE_RATIO,
  MAX_KEYS_PER_BATCH,
  MAX_PAYLOAD_BYTES,
  MIN_PAYLOAD_ALLOWANCE,
  MAX_SAMPLES_PER_BATCH,
  MAX_STRING_BYTES,
  MAX_STRINGS_PER_BATCH,
  MAX_TAGS_PER_SAMPLE,
  VALUE_PRECISION,
} from './batchFormat.ts'
export type { Batch, DecodeLimits, EncodeInput } from './batchFormat.ts'
export { BatchDecodeError, type BatchDecodeReason } from './batchDecodeError.ts'
export { fromBase64url, toBase64url } from './base64url.ts'

/**
 * Encodes samples into the compact binary payload plus version byte, deflated (not yet base64url). fflate, not
 * the browser's `CompressionStream('deflate-raw')`: measured in Chromium on batches of 100–300 samples, the native
 * stream cost the main thread 5–9 ms of task time per batch (its streams and promises), fflate 1.3–5 ms.
 */
export function encodeBatchBytes(input: EncodeInput): Uint8Array {
  const payload = encodeV2Payload(input)
  if (payload.length < MIN_DEFLATE_BYTES) return storedBatch(payload)
  const compressed = deflateSync(payload, { level: DEFLATE_LEVEL })
  const out = new Uint8Array(compressed.length + 1)
  out[0] = BATCH_FORMAT_VERSION
  out.set(compressed, 1)
  return out
}

/**
 * The version byte and `payload` as one final stored deflate block: BFINAL 1, BTYPE 00, LEN and its complement
 * (one block holds up to 65,535 bytes, far above {@link MIN_DEFLATE_BYTES}).
 */
function storedBatch(payload: Uint8Array): Uint8Array {
  const length = payload.length
  const out = new Uint8Array(length + 6)
  out[0] = BATCH_FORMAT_VERSION
  out[1] = 0b001
  out[2] = length & 0xff
  out[3] = length >> 8
  out[4] = ~length & 0xff
  out[5] = (~length >> 8) & 0xff
  out.set(payload, 6)
  return out
}

/** Encodes samples for the `X-Perfscope-Batch` header or a beacon body (base64url text). */
export function encodeBatch(input: EncodeInput): string {
  return toBase64url(encodeBatchBytes(input))
}

/** Caps for decoding; any left out take their defaults (see {@link DecodeLimits}). */
export type DecodeOptions = Partial<DecodeLimits>

/** Decodes a base64url batch. Throws a {@link BatchDecodeError} for anything that is not a valid batch. */
export function decodeBatch(text: string, options: DecodeOptions = {}): Batch {
  return runToEnd(decodeBatchSteps(text, options))
}

/**
 * {@link decodeBatch} in slices: each `next()` does a bounded piece of work (one slice of inflating, or up to
 * {@link DECODE_STEP_SAMPLES} samples of one column) and the last returns the batch. Errors are thrown from
 * `next()` as {@link BatchDecodeError}s.
 */
export function* decodeBatchSteps(text: string, options: DecodeOptions = {}): Generator<void, Batch, void> {
  const limits = resolveDecodeLimits(options)
  if (typeof text !== 'string' || text.length === 0) throw new BatchDecodeError('malformed', 'batch is empty')
  if (text.length > limits.maxBytes) {
    throw new BatchDecodeError('oversized', `batch is ${text.length} bytes, over the ${limits.maxBytes}-byte cap`)
  }
  const bytes = fromBase64url(text.trim())
  if (!bytes || bytes.length < 2) throw new BatchDecodeError('malformed', 'batch is not base64url')
  return yield* decodeBytesSteps(bytes, limits)
}

/** Decodes the binary form (version byte + deflated payload), of the current or the legacy version. */
export function decodeBatchBytes(bytes: Uint8Array, options: DecodeOptions = {}): Batch {
  return runToEnd(decodeBytesSteps(bytes, resolveDecodeLimits(options)))
}

function* decodeBytesSteps(bytes: Uint8Array, limits: DecodeLimits): Generator<void, Batch, void> {
  const version = bytes[0]
  if (version !== BATCH_FORMAT_VERSION && version !== LEGACY_FORMAT_VERSION) {
    throw new BatchDecodeError(
      'version',
      `format version ${version} is not supported (expected ${LEGACY_FORMAT_VERSION} or ${BATCH_FORMAT_VERSION})`,
    )
  }
  const payload = yield* inflateBounded(bytes.subarray(1), limits)
  const r = new ByteReader(payload)
  const batch = version === BATCH_FORMAT_VERSION ? yield* decodeV2Steps(r, limits) : yield* decodeV1Steps(r, limits)
  if (r.remaining !== 0) throw new BatchDecodeError('malformed', `${r.remaining} bytes after the last sample`)
  return batch
}

function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}
