import { toBase64url } from './base64url.ts'
import type { EncodeInput } from './batchFormat.ts'
import { encodeBatch, withVersion } from './codec.ts'
import { encodeV2Payload } from './codecV2.ts'

export { encodeBatch }

/**
 * {@link encodeBatch} for batches encoded when the page is idle: the payload is built the same way and deflated by
 * the browser's own `CompressionStream('deflate-raw')`, native code, where fflate's deflate is JavaScript that
 * cost 1–3 ms per batch in a polling page (its tables built on the first). The bytes differ from fflate's, the
 * format does not: any raw deflate stream inflates. Without `CompressionStream`, or if it fails, fflate encodes.
 */
export async function encodeBatchAsync(input: EncodeInput): Promise<string> {
  if (typeof CompressionStream !== 'function') return encodeBatch(input)
  // The payload writer allocates plain ArrayBuffers, never shared ones.
  const payload = encodeV2Payload(input) as Uint8Array<ArrayBuffer>
  try {
    const deflated = new Blob([payload]).stream().pipeThrough(new CompressionStream('deflate-raw'))
    return toBase64url(withVersion(new Uint8Array(await new Response(deflated).arrayBuffer())))
  } catch {
    return encodeBatch(input)
  }
}
