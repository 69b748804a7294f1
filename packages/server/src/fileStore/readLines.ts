import { createReadStream } from 'node:fs'

/** What {@link readLines} saw besides the lines it gave: lines over the cap, skipped whole. */
export interface ReadLinesStats {
  tooLong: number
}

/**
 * The lines of a file, read as a stream in 64 KiB chunks: memory stays at one chunk plus one line of at most
 * `maxLineBytes`, whatever the file's size. A longer line (or a file with no newline at all) is skipped up to its
 * next newline and counted, never accumulated. Empty lines are left out.
 */
export async function* readLines(path: string, maxLineBytes: number, stats: ReadLinesStats): AsyncGenerator<string> {
  let parts: Buffer[] = []
  let length = 0
  let skipping = false
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
    let start = 0
    for (;;) {
      const newline = chunk.indexOf(10, start)
      const end = newline === -1 ? chunk.length : newline
      if (!skipping) {
        if (length + end - start > maxLineBytes) {
          skipping = true
          stats.tooLong++
          parts = []
          length = 0
        } else if (end > start) {
          parts.push(chunk.subarray(start, end))
          length += end - start
        }
      }
      if (newline === -1) break
      if (!skipping && length > 0) yield Buffer.concat(parts, length).toString('utf8')
      parts = []
      length = 0
      skipping = false
      start = newline + 1
    }
  }
  if (!skipping && length > 0) yield Buffer.concat(parts, length).toString('utf8')
}
