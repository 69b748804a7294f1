import { deflateSync } from 'fflate'
import { toBase64url } from '@perfscope/core/codec'

function varint(out: number[], n: number): void {
  while (n >= 128) {
    out.push((n % 128) | 128)
    n = Math.floor(n / 128)
  }
  out.push(n)
}

/**
 * A version 2 header of `samples` samples of one key (`key`, default 512 bytes), every column zero: the most
 * samples per header byte the wire format allows (20,000 samples in under 250 bytes).
 */
export function zeroSampleHeader(samples = 20_000, key = 'k'.repeat(512)): string {
  const payload: number[] = []
  for (const n of [1, 1_700_000_000_000, 0, 1]) varint(payload, n)
  const utf8 = new TextEncoder().encode(key)
  varint(payload, utf8.length)
  payload.push(...utf8)
  for (const n of [samples, 1, 0, 0, 1, 0, 1]) varint(payload, n)
  const columns = new Uint8Array(payload.length + 4 * samples)
  columns.set(payload)
  return toBase64url(new Uint8Array([2, ...deflateSync(columns, { level: 9 })]))
}

/** A version 2 header whose payload is `inflated` zero bytes: a deflate bomb (11.6 MiB fits a 15.7 KB header). */
export function deflateBomb(inflated = 11.6 * 1024 * 1024): string {
  return toBase64url(new Uint8Array([2, ...deflateSync(new Uint8Array(inflated), { level: 9 })]))
}
