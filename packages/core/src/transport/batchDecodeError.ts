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

/** `n`, or a `bounds` error when it is over `max`. */
export function bounded(n: number, max: number, what: string): number {
  if (n > max) throw new BatchDecodeError('bounds', `${what} is ${n}, more than ${max}`)
  return n
}
