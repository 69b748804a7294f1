/**
 * Portable base64url (RFC 4648 §5, no padding) for Uint8Arrays: the same code in the browser and on the server,
 * with no `btoa` string round-trips and no Node `Buffer`.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const LOOKUP = new Int16Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i

const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0))
let ascii: TextDecoder | null = null

/**
 * Writes the characters' codes into one buffer and decodes it once: appending four characters at a time made a
 * string object per append, a few kilobytes of garbage per batch header.
 */
export function toBase64url(bytes: Uint8Array): string {
  const rest = bytes.length % 3
  const whole = bytes.length - rest
  const out = new Uint8Array((whole / 3) * 4 + (rest === 0 ? 0 : rest + 1))
  let o = 0
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out[o++] = CODES[n >> 18]!
    out[o++] = CODES[(n >> 12) & 63]!
    out[o++] = CODES[(n >> 6) & 63]!
    out[o++] = CODES[n & 63]!
  }
  if (rest > 0) {
    const n = (bytes[whole]! << 16) | (rest === 2 ? bytes[whole + 1]! << 8 : 0)
    out[o++] = CODES[n >> 18]!
    out[o++] = CODES[(n >> 12) & 63]!
    if (rest === 2) out[o] = CODES[(n >> 6) & 63]!
  }
  return (ascii ??= new TextDecoder()).decode(out)
}

/** Decodes base64url; returns null for any character outside the alphabet or an impossible length. */
export function fromBase64url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null
  const out = new Uint8Array(Math.floor((text.length * 3) / 4))
  let o = 0
  let buffer = 0
  let bits = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const v = c < 128 ? LOOKUP[c]! : -1
    if (v < 0) return null
    buffer = (buffer << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (buffer >> bits) & 0xff
    }
  }
  return out
}
