/** The fields of a source map (version 3) that a position lookup needs. */
export interface SourceMapV3 {
  sources: string[]
  mappings: string
  sourceRoot?: string
}

/** A position in an original source file: its path as the map names it and a 1-based line. */
export interface OriginalPosition {
  source: string
  line: number
}

/** One decoded segment: generated column, then source index, original line and column (all 0-based). */
type Segment = [column: number, source: number, line: number, sourceColumn: number]

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]))

/** Decodes one segment's base64 VLQ fields (each a signed delta to the previous segment's). */
function decodeFields(text: string): number[] {
  const fields: number[] = []
  let value = 0
  let shift = 0
  for (const char of text) {
    const digit = DIGIT.get(char)
    if (digit === undefined) throw new Error(`source map: '${char}' is not a base64 VLQ digit`)
    value += (digit & 31) << shift
    if (digit & 32) {
      shift += 5
      continue
    }
    fields.push(value & 1 ? -(value >>> 1) : value >>> 1)
    value = 0
    shift = 0
  }
  return fields
}

/**
 * A lookup from generated (0-based line, 0-based column) to the original source and line, as
 * https://tc39.es/ecma426/ defines the `mappings` field: lines split by `;`, segments by `,`, the generated column
 * relative within a line, the source index, original line and column relative across the whole map.
 */
export function sourceMapLookup(map: SourceMapV3): (line: number, column: number) => OriginalPosition | null {
  const lines: Segment[][] = []
  let source = 0
  let originalLine = 0
  let originalColumn = 0
  for (const lineText of map.mappings.split(';')) {
    const segments: Segment[] = []
    let column = 0
    for (const segmentText of lineText.split(',')) {
      if (segmentText === '') continue
      const fields = decodeFields(segmentText)
      column += fields[0]!
      if (fields.length < 4) continue
      source += fields[1]!
      originalLine += fields[2]!
      originalColumn += fields[3]!
      segments.push([column, source, originalLine, originalColumn])
    }
    segments.sort((a, b) => a[0] - b[0])
    lines.push(segments)
  }
  const root = map.sourceRoot ?? ''
  return (line, column) => {
    const segments = lines[line]
    if (!segments || segments.length === 0) return null
    // The last segment that starts at or before the column covers it.
    let low = 0
    let high = segments.length - 1
    if (segments[0]![0] > column) return null
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (segments[mid]![0] <= column) low = mid
      else high = mid - 1
    }
    const [, sourceIndex, sourceLine] = segments[low]!
    const name = map.sources[sourceIndex]
    return name === undefined ? null : { source: root + name, line: sourceLine + 1 }
  }
}
