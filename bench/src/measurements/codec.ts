import { gzipSync } from 'node:zlib'
import type { Sample } from '@perfscope/core'
import { figure, NotAvailable, reasonOf, unavailable, type Measurement, type Row } from '../measurement.ts'
import { logNormal, seededRandom } from '../lib/random.ts'
import { median, summarize } from '../stats.ts'

/** Where the codec's `encodeBatch` / `decodeBatch` are public: its own subpath (shared with the server), or the root. */
const CODEC_ENTRIES = ['@perfscope/core/codec', '@perfscope/core']

const SAMPLES_PER_BATCH = 300
const FULL = { batches: 20, repeats: 200 }
const QUICK = { batches: 5, repeats: 50 }

const ENDPOINTS = [
  'http.GET /api/users/:id',
  'http.GET /api/feed',
  'http.POST /api/events',
  'http.GET /api/status',
  'http.GET /api/search',
]
const OTHER_KEYS = ['longtask', 'vital.INP', 'frame', 'memory.usedJSHeapSize']

/** A batch as the client produces it: mostly request timings with status tags, some long tasks and frames. */
function makeBatch(seed: number): Sample[] {
  const random = seededRandom(seed)
  const samples: Sample[] = []
  let t = 10_000 + random() * 1000
  for (let i = 0; i < SAMPLES_PER_BATCH; i++) {
    t += random() * 40
    if (random() < 0.8) {
      const key = ENDPOINTS[Math.floor(random() * ENDPOINTS.length)]!
      const status = random() < 0.97 ? '200' : '503'
      samples.push({ key, t: round(t), v: round(logNormal(random, 80, 0.8)), tags: { status } })
    } else {
      const key = OTHER_KEYS[Math.floor(random() * OTHER_KEYS.length)]!
      const v = key === 'memory.usedJSHeapSize' ? 3e7 + random() * 1e6 : logNormal(random, 60, 0.5)
      samples.push({ key, t: round(t), v: round(v) })
    }
  }
  return samples
}

/** Times as `performance.now()` gives them in an isolated page: to 0.1 ms. */
const round = (value: number) => Math.round(value * 10) / 10

type Encoded = string | Uint8Array | ArrayBuffer

/** What the bench needs of the codec: the header text's encoder and decoder (`@perfscope/core/codec`). */
interface Codec {
  encodeBatch: (input: { samples: readonly Sample[]; batchId: number; timeOrigin: number }) => Encoded
  decodeBatch: (encoded: Encoded) => unknown
}

/** A fixed `performance.timeOrigin` (epoch ms), so every run encodes the same bytes. */
const TIME_ORIGIN = 1_790_000_000_000

/** The first entry of {@link CODEC_ENTRIES} that exports both functions, or why none does. */
async function loadCodec(): Promise<Codec> {
  const problems: string[] = []
  for (const entry of CODEC_ENTRIES) {
    try {
      // A variable specifier: the codec may not exist yet, and the bench must still type-check and run without it.
      const specifier: string = entry
      const mod = (await import(specifier)) as Record<string, unknown>
      if (typeof mod.encodeBatch === 'function' && typeof mod.decodeBatch === 'function') return mod as unknown as Codec
      problems.push(`${entry} does not export encodeBatch and decodeBatch`)
    } catch (error) {
      problems.push(`${entry}: ${reasonOf(error).replace(/ imported from .*$/, '')}`)
    }
  }
  throw new NotAvailable(problems.join('; '))
}

function byteLength(encoded: unknown): number {
  if (typeof encoded === 'string') return Buffer.byteLength(encoded, 'utf8')
  if (encoded instanceof Uint8Array || encoded instanceof ArrayBuffer) return encoded.byteLength
  throw new NotAvailable(`encodeBatch() returned ${typeof encoded}, not a string or bytes`)
}

function usPerCall(repeats: number, call: () => unknown): number {
  const start = process.hrtime.bigint()
  for (let i = 0; i < repeats; i++) call()
  return Number(process.hrtime.bigint() - start) / 1000 / repeats
}

/**
 * The wire codec on batches of a few hundred samples: encoded size against plain JSON (and JSON + gzip), and the
 * time to encode and decode one batch beside `JSON.stringify`.
 */
export const codec: Measurement = {
  id: 'codec',
  title: 'Wire codec: size ratio and encode time',
  description:
    `Seeded batches of ${SAMPLES_PER_BATCH} samples shaped like the client’s (request timings tagged with a status, ` +
    'long tasks, frames, memory; times to 0.1 ms) are encoded with `encodeBatch` from `@perfscope/core/codec` and ' +
    'decoded back (the round trip must give the same number of samples). Size is in bytes as sent (a string’s UTF-8 ' +
    'length), with the ratio to `JSON.stringify` of the same batch; JSON + gzip level 9 is the rival. Times are per ' +
    'batch in Node, median over batches of many repeats, with the IQR.',
  async run({ quick, log }) {
    const c = quick ? QUICK : FULL
    const batches = Array.from({ length: c.batches }, (_, i) => makeBatch(i + 1))
    const json = batches.map((b) => Buffer.byteLength(JSON.stringify(b)))
    const jsonMedian = median(json)
    const runsDetail = `batches of ${SAMPLES_PER_BATCH} samples`
    // An untimed pass first, so JSON.stringify is timed optimised, as the codec is after its own first pass.
    for (const b of batches) usPerCall(c.repeats, () => JSON.stringify(b))
    const jsonUs = batches.map((b) => usPerCall(c.repeats, () => JSON.stringify(b)))
    const jsonUsMedian = median(jsonUs)
    const size = (sdk: string, bytes: number[], note = '') =>
      figure({
        measurement: 'codec: batch size',
        sdk,
        unit: 'bytes',
        summary: summarize(bytes),
        runsDetail,
        baseline: { label: 'JSON', value: jsonMedian },
        note,
      })
    const time = (sdk: string, us: number[], measurement = 'codec: encode time per batch') =>
      figure({
        measurement,
        sdk,
        unit: 'µs',
        summary: summarize(us),
        runsDetail: `${runsDetail}, ${c.repeats} repeats each`,
        baseline: { label: 'JSON.stringify', value: jsonUsMedian },
      })

    const gzipped = batches.map((b) => gzipSync(JSON.stringify(b), { level: 9 }).byteLength)
    // A header carries text: gzip's bytes as base64url (4 characters per 3 bytes, no padding).
    const gzippedText = gzipped.map((bytes) => Math.ceil((bytes * 4) / 3))
    const gzipUs = batches.map((b) =>
      usPerCall(Math.max(1, c.repeats / 10), () => gzipSync(JSON.stringify(b), { level: 9 })),
    )
    /** The rivals' rows, with the codec's rows saying why there is no figure. */
    const withoutCodec = (reason: string): Row[] => [
      unavailable('codec: batch size', 'perfscope encodeBatch()', 'bytes', reason),
      size('plain JSON', json),
      size('JSON + gzip -9', gzipped),
      size('JSON + gzip -9 as base64url text', gzippedText),
      unavailable('codec: encode time per batch', 'perfscope encodeBatch()', 'µs', reason),
      time('JSON.stringify', jsonUs),
      time('JSON.stringify + gzip -9', gzipUs),
    ]
    log('codec: loading the codec')
    let encodeBatch: (samples: Sample[], batchId: number) => Encoded
    let decodeBatch: (encoded: Encoded) => unknown
    try {
      const codec = await loadCodec()
      encodeBatch = (samples, batchId) => codec.encodeBatch({ samples, batchId, timeOrigin: TIME_ORIGIN })
      decodeBatch = codec.decodeBatch
    } catch (error) {
      return withoutCodec(reasonOf(error))
    }

    log('codec: measuring')
    try {
      const encoded = batches.map((b, i) => encodeBatch(b, i + 1))
      const roundTrips = encoded.every((e, i) => {
        const decoded = decodeBatch(e)
        const list = Array.isArray(decoded) ? decoded : (decoded as { samples?: unknown[] } | null)?.samples
        return Array.isArray(list) && list.length === batches[i]!.length
      })
      const sizes = encoded.map(byteLength)
      for (const e of encoded) decodeBatch(e)
      const encodeUs = batches.map((b, i) => usPerCall(c.repeats, () => encodeBatch(b, i + 1)))
      const decodeUs = encoded.map((e) => usPerCall(c.repeats, () => decodeBatch(e)))
      const roundTrip = roundTrips
        ? 'decodeBatch() gives every sample back'
        : 'round trip NOT verified: decodeBatch() gave another number of samples'
      return [
        size('perfscope encodeBatch()', sizes, `${roundTrip}; goal ≤ 10 % of JSON`),
        size('plain JSON', json),
        size('JSON + gzip -9', gzipped),
        size('JSON + gzip -9 as base64url text', gzippedText),
        time('perfscope encodeBatch()', encodeUs),
        time('JSON.stringify', jsonUs),
        time('JSON.stringify + gzip -9', gzipUs),
        time('perfscope decodeBatch()', decodeUs, 'codec: decode time per batch'),
      ]
    } catch (error) {
      return withoutCodec(`encodeBatch({ samples, batchId, timeOrigin }) / decodeBatch() failed: ${reasonOf(error)}`)
    }
  },
}
