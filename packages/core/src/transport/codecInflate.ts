import { Inflate, inflateSync } from 'fflate'
import { BatchDecodeError } from './batchDecodeError.ts'
import { MIN_PAYLOAD_ALLOWANCE, type DecodeLimits } from './batchFormat.ts'

/**
 * Deflated bytes handed to the inflater at a time. Deflate expands at most about 1,032×, so one slice yields at
 * most about 260 KB (under a millisecond) before the running count is checked and the decoder may yield.
 * A payload this small is inflated in one call: its output is bounded the same way, without the streaming
 * inflater's set-up (a 32 KB window per batch).
 */
const INFLATE_SLICE_BYTES = 256

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
  if (deflated.length <= INFLATE_SLICE_BYTES) {
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
  for (let at = 0; at < deflated.length; at += INFLATE_SLICE_BYTES) {
    const end = Math.min(at + INFLATE_SLICE_BYTES, deflated.length)
    try {
      inflater.push(deflated.subarray(at, end), end === deflated.length)
    } catch (error) {
      throw new BatchDecodeError('malformed', `payload does not inflate (${(error as Error).message})`)
    }
    if (total > cap) throw overCap(cap, deflated.length, limits)
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
    ? new BatchDecodeError('inflate-ratio', `payload inflates past ${cap} bytes from ${deflatedBytes} (ratio cap ${limits.maxInflateRatio})`)
    : new BatchDecodeError('oversized', `payload inflates to more than ${cap} bytes`)
}
