import { deflateSync, inflateSync } from 'fflate'
import { fromBase64url, toBase64url } from './base64url.ts'
import { BatchDecodeError } from './batchDecodeError.ts'
import { DEFAULT_MAX_BATCH_BYTES, MAX_PAYLOAD_BYTES, type Batch, type EncodeInput } from './batchFormat.ts'
import { ByteReader } from './byteIo.ts'
import { decodeV1Payload } from './codecV1.ts'
import { decodeV2Payload, encodeV2Payload } from './codecV2.ts'

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
 */
export const BATCH_FORMAT_VERSION = 2
/** Batches of this version, sent by earlier releases, are still accepted. */
const LEGACY_FORMAT_VERSION = 1
/** Level 6: level 9 gives the same bytes on batches of a few hundred samples, more slowly. */
const DEFLATE_LEVEL = 6

export {
  DEFAULT_MAX_BATCH_BYTES,
  MAX_PAYLOAD_BYTES,
  MAX_SAMPLES_PER_BATCH,
  MAX_STRING_BYTES,
  MAX_STRINGS_PER_BATCH,
  MAX_TAGS_PER_SAMPLE,
  VALUE_PRECISION,
} from './batchFormat.ts'
export type { Batch, EncodeInput } from './batchFormat.ts'
export { BatchDecodeError, type BatchDecodeReason } from './batchDecodeError.ts'
export { fromBase64url, toBase64url } from './base64url.ts'

/** Encodes samples into the compact binary payload plus version byte, deflated (not yet base64url). */
export function encodeBatchBytes(input: EncodeInput): Uint8Array {
  const compressed = deflateSync(encodeV2Payload(input), { level: DEFLATE_LEVEL })
  const out = new Uint8Array(compressed.length + 1)
  out[0] = BATCH_FORMAT_VERSION
  out.set(compressed, 1)
  return out
}

/** Encodes samples for the `X-Perfscope-Batch` header or a beacon body (base64url text). */
export function encodeBatch(input: EncodeInput): string {
  return toBase64url(encodeBatchBytes(input))
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

/** Decodes the binary form (version byte + deflated payload), of the current or the legacy version. */
export function decodeBatchBytes(bytes: Uint8Array): Batch {
  const version = bytes[0]
  if (version !== BATCH_FORMAT_VERSION && version !== LEGACY_FORMAT_VERSION) {
    throw new BatchDecodeError(
      'version',
      `format version ${version} is not supported (expected ${LEGACY_FORMAT_VERSION} or ${BATCH_FORMAT_VERSION})`,
    )
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
  const batch = version === BATCH_FORMAT_VERSION ? decodeV2Payload(r) : decodeV1Payload(r)
  if (r.remaining !== 0) throw new BatchDecodeError('malformed', `${r.remaining} bytes after the last sample`)
  return batch
}
