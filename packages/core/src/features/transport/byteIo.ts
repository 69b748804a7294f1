import { BatchDecodeError } from './batchDecodeError.ts'

/** Varints are unsigned LEB128 of at most 8 bytes (56 bits, so every safe integer fits). */
const MAX_VARINT_BYTES = 8

/** A growing byte buffer for the payload: varints, zigzag varints and raw bytes. */
export class ByteWriter {
  bytes: Uint8Array = new Uint8Array(1024)
  length = 0

  private ensure(n: number): void {
    if (this.length + n <= this.bytes.length) return
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n))
    grown.set(this.bytes.subarray(0, this.length))
    this.bytes = grown
  }

  /** A non-negative integer up to 2^53. */
  varint(n: number): void {
    // Most varints of a batch are one byte: room for it is checked inline (a call per byte cost more than the write).
    if (n < 128 && this.length < this.bytes.length) {
      this.bytes[this.length++] = n
      return
    }
    this.ensure(MAX_VARINT_BYTES)
    while (n >= 128) {
      this.bytes[this.length++] = (n % 128) | 128
      n = Math.floor(n / 128)
    }
    this.bytes[this.length++] = n
  }

  /** Each number of a column, as {@link varint} writes it; one call for a column, most of whose numbers take a byte. */
  varints(column: ArrayLike<number>): void {
    for (let i = 0; i < column.length; i++) {
      const n = column[i]!
      if (n < 128 && this.length < this.bytes.length) this.bytes[this.length++] = n
      else this.varint(n)
    }
  }

  /** A signed integer: 0, -1, 1, -2, … travel as 0, 1, 2, 3, … */
  zigzag(n: number): void {
    this.varint(n >= 0 ? n * 2 : -n * 2 - 1)
  }

  raw(data: Uint8Array): void {
    this.ensure(data.length)
    this.bytes.set(data, this.length)
    this.length += data.length
  }

  get written(): Uint8Array {
    return this.bytes.subarray(0, this.length)
  }
}

/** Reads what {@link ByteWriter} wrote; running out of bytes is a `truncated` {@link BatchDecodeError}. */
export class ByteReader {
  offset = 0
  constructor(private readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.offset
  }

  varint(what: string): number {
    let result = 0
    let scale = 1
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      if (this.offset >= this.bytes.length) throw new BatchDecodeError('truncated', `payload ends inside ${what}`)
      const b = this.bytes[this.offset++]!
      result += (b & 127) * scale
      if (b < 128) return result
      scale *= 128
    }
    throw new BatchDecodeError('malformed', `${what} is longer than ${MAX_VARINT_BYTES} bytes`)
  }

  zigzag(what: string): number {
    const n = this.varint(what)
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2
  }

  /** Throws `truncated` unless `n` more bytes are there: checked before allocating for `n` items of a byte or more. */
  need(n: number, what: string): void {
    if (n > this.remaining) throw new BatchDecodeError('truncated', `payload too short for ${what}`)
  }

  raw(length: number, what: string): Uint8Array {
    if (length > this.remaining) throw new BatchDecodeError('truncated', `payload ends inside ${what}`)
    const out = this.bytes.subarray(this.offset, this.offset + length)
    this.offset += length
    return out
  }
}
