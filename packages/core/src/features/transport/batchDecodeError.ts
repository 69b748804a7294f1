/**
 * Why a batch was refused: `malformed` (not base64url, not deflate, bad UTF-8 or varint), `truncated`,
 * `oversized` (text or inflated payload over its cap), `inflate-ratio` (inflates too far for its size),
 * `too-many-samples`, `too-many-keys`, `too-many-strings`, `string-too-long`, `version`, and `bounds` (an index,
 * unit or tag count the format does not allow).
 */
export type BatchDecodeReason =
  | 'malformed'
  | 'truncated'
  | 'oversized'
  | 'inflate-ratio'
  | 'too-many-samples'
  | 'too-many-keys'
  | 'too-many-strings'
  | 'string-too-long'
  | 'version'
  | 'bounds'

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

/** `n`, or an error of `reason` (default `bounds`) when it is over `max`. */
export function bounded(n: number, max: number, what: string, reason: BatchDecodeReason = 'bounds'): number {
  if (n > max) throw new BatchDecodeError(reason, `${what} is ${n}, more than ${max}`)
  return n
}
