import { gzipSync } from 'node:zlib'

/** Bytes after gzip at level 9, as a CDN or a static server serves a script. */
export function gzipSize(bytes: Uint8Array): number {
  return gzipSync(bytes, { level: 9 }).byteLength
}
