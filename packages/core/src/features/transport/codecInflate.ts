import { Inflate, inflateSync } from 'fflate'
import { BatchDecodeError } from './batchDecodeError.ts'
import { MIN_PAYLOAD_ALLOWANCE, type DecodeLimits } from './batchFormat.ts'

/**
 * Output of one slice of inflating, at most: about a fifth of a millisecond of work. Deflate expands at most
 * about 1,032×, so the first slice takes 63 deflated bytes; later slices are sized by the ratio seen so far (a
 * batch of real samples inflates about 2.5×, so it goes in one or two slices; a bomb keeps getting 63-byte ones).
 */
const SLICE_OUTPUT_BYTES = 64 * 1024
const WORST_DEFLATE_RATIO = 1032
const MIN_SLICE_BYTES = 16
/** A payload this small is inflated in one call: its output is bounded by one slice's anyway. */
const ONE_CALL_BYTES = Math.floor(SLICE_OUTPUT_BYTES / WORST_DEFLATE_RATIO)

/**
 * Inflates raw deflate in slices, counting the output as it comes, and stops as soon as it passes the payload
 * cap: `maxPayloadBytes`, or `maxInflateRatio` × the deflated size when that is smaller (but never less than
 * {@link MIN_PAYLOAD_ALLOWANCE}). A bomb costs the work of one slice past the cap, not of its whole output.
 * Yields between slices; returns the payload.
 */
export function* inflateBounded(deflated: Uint8Array, limits: DecodeLimits): Generator<void, Uint8Array, void> {
  const ratioCap = Math.max(MIN_PAYLOAD_ALLOWANCE, limits.maxInflateRatio * deflated.length)
  const cap = Math.min(limits.maxPayloadBytes, ratioCap)
  if (deflated.length === 0) throw new BatchDecodeError('malformed', 'payload is empty')
  if (deflated.length <= ONE_CALL_BYTES) {
    let payload: Uint8Array
    try {
      payload = inflateSync(deflated)
    } catch (error) {
      throw new BatchDecodeError('malformed', `payload does not inflate (${(error as Error).message})`)
    }
    if (payload.length > cap) throw overCap(cap, deflated.length, limits)
    return payload
  }
  const chunks: Uint8Array[] = []
  let total = 0
  const inflater = new Inflate((chunk) => {
    total += chunk.length
    if (total <= cap) chunks.push(chunk)
  })
  for (let at = 0; at < deflated.length;) {
    // Sized so that even at the worst ratio seen so far, the slice stays near SLICE_OUTPUT_BYTES and the cap.
    const ratio = at === 0 ? WORST_DEFLATE_RATIO : Math.max(4, total / at)
    const room = Math.min(SLICE_OUTPUT_BYTES, cap + 1 - total)
    const end = Math.min(at + Math.max(MIN_SLICE_BYTES, Math.floor(room / ratio)), deflated.length)
    try {
      inflater.push(deflated.subarray(at, end), end === deflated.length)
    } catch (error) {
      throw new BatchDecodeError('malformed', `payload does not inflate (${(error as Error).message})`)
    }
    if (total > cap) throw overCap(cap, deflated.length, limits)
    at = end
    if (end < deflated.length) yield
  }
  if (chunks.length === 1) return chunks[0]!
  const payload = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    payload.set(chunk, offset)
    offset += chunk.length
  }
  return payload
}

function overCap(cap: number, deflatedBytes: number, limits: DecodeLimits): BatchDecodeError {
  return cap < limits.maxPayloadBytes
    ? new BatchDecodeError(
        'inflate-ratio',
        `payload inflates past ${cap} bytes from ${deflatedBytes} (ratio cap ${limits.maxInflateRatio})`,
      )
    : new BatchDecodeError('oversized', `payload inflates to more than ${cap} bytes`)
}
