import type { Sample } from '../../types.ts'
import { BatchDecodeError, bounded } from './batchDecodeError.ts'
import {
  DECODE_STEP_SAMPLES,
  MAX_TAGS_PER_SAMPLE,
  readPreambleSteps,
  readTags,
  stringAt,
  StringTable,
  TIME_SCALE,
  VALUE_SCALE,
  writePreamble,
  type Batch,
  type DecodeLimits,
  type EncodeInput,
} from './batchFormat.ts'
import { ByteReader, ByteWriter } from './byteIo.ts'

/**
 * Wire integers are clamped to ±2^50 (about ±10^12 ms or value units) so that every difference and every
 * `base + offset × unit` below is an exact double.
 */
const MAX_WIRE_INTEGER = 2 ** 50
const hasOwn = Object.prototype.hasOwnProperty

function toWireInteger(x: number, scale: number): number {
  const n = Math.round(x * scale)
  // NaN has no integer form; 0 keeps the batch decodable.
  if (Number.isNaN(n)) return 0
  return Math.min(MAX_WIRE_INTEGER, Math.max(-MAX_WIRE_INTEGER, n))
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const r = a % b
    a = b
    b = r
  }
  return a
}

/**
 * A column of integers written as `base + offset × unit`: `base` is the smallest, `unit` the largest step that
 * divides every difference. A key whose values are all whole 0.1 ms (as `performance.now()` differences are) gets
 * a unit of 100 thousandths, so its offsets are 100 times smaller and still exact.
 */
class Frame {
  private count = 0
  private first = 0
  private min = 0
  private step = 0

  add(n: number): void {
    if (this.count++ === 0) this.first = this.min = n
    else if (n < this.min) this.min = n
    this.step = gcd(this.step, Math.abs(n - this.first))
  }

  get base(): number {
    return this.min
  }

  /** All values equal: any unit works, 1 is the shortest. */
  get unit(): number {
    return this.step || 1
  }

  offset(n: number): number {
    return (n - this.min) / this.unit
  }
}

/** The version 2 payload (before deflate); the layout is in codec.ts. */
export function encodeV2Payload(input: EncodeInput): Uint8Array {
  const samples = input.samples
  const n = samples.length
  const table = new StringTable()
  const keyIndexes = new Map<string, number>()
  const keyNames: number[] = []
  const keyFrames: Frame[] = []
  const timeFrame = new Frame()
  const keys = new Uint32Array(n)
  const times = new Float64Array(n)
  const values = new Float64Array(n)
  const tagCounts = new Uint8Array(n)
  const tagPairs: number[] = []
  let previousTime = 0
  for (let i = 0; i < n; i++) {
    const sample = samples[i]!
    let k = keyIndexes.get(sample.key)
    if (k === undefined) {
      k = keyFrames.length
      keyIndexes.set(sample.key, k)
      keyNames.push(table.index(sample.key))
      keyFrames.push(new Frame())
    }
    keys[i] = k
    const t = toWireInteger(sample.t, TIME_SCALE)
    times[i] = t - previousTime
    previousTime = t
    timeFrame.add(times[i]!)
    values[i] = toWireInteger(sample.v, VALUE_SCALE)
    keyFrames[k]!.add(values[i]!)
    const tags = sample.tags
    if (tags) {
      let count = 0
      for (const name in tags) {
        // The decoder refuses a sample with more tags than this, which would lose the whole batch.
        if (count === MAX_TAGS_PER_SAMPLE) break
        if (!hasOwn.call(tags, name)) continue
        tagPairs.push(table.index(name), table.index(String(tags[name])))
        count++
      }
      tagCounts[i] = count
    }
  }
  const w = new ByteWriter()
  writePreamble(w, input, table)
  w.varint(n)
  w.varint(keyFrames.length)
  for (let k = 0; k < keyFrames.length; k++) {
    w.varint(keyNames[k]!)
    w.zigzag(keyFrames[k]!.base)
    w.varint(keyFrames[k]!.unit)
  }
  w.zigzag(timeFrame.base)
  w.varint(timeFrame.unit)
  // Column after column: deflate finds each column's repeats (status tags, keys) far better than in records.
  for (let i = 0; i < n; i++) w.varint(keys[i]!)
  for (let i = 0; i < n; i++) w.varint(timeFrame.offset(times[i]!))
  for (let i = 0; i < n; i++) w.varint(keyFrames[keys[i]!]!.offset(values[i]!))
  for (let i = 0; i < n; i++) w.varint(tagCounts[i]!)
  for (const index of tagPairs) w.varint(index)
  return w.written
}

function readUnit(r: ByteReader, what: string): number {
  const unit = r.varint(what)
  if (unit === 0) throw new BatchDecodeError('bounds', `${what} is 0`)
  return unit
}

/** Bytes a v2 sample takes at least: one varint in each of the four columns. */
const MIN_SAMPLE_BYTES = 4
/** Bytes a key frame takes at least: name, base and unit. */
const MIN_KEY_BYTES = 3

/**
 * Decodes a version 2 payload (after inflating), yielding every {@link DECODE_STEP_SAMPLES} samples. Counts are
 * checked against their caps and against the bytes left before any array is made for them.
 */
export function* decodeV2Steps(r: ByteReader, limits: DecodeLimits): Generator<void, Batch, void> {
  const { batchId, timeOrigin, dropped, strings } = yield* readPreambleSteps(r, limits)
  const sampleCount = bounded(r.varint('sample count'), limits.maxSamples, 'sample count', 'too-many-samples')
  // Every key is used by at least one sample.
  const keyCount = bounded(r.varint('key count'), sampleCount, 'key count')
  bounded(keyCount, limits.maxKeys, 'key count', 'too-many-keys')
  r.need(keyCount * MIN_KEY_BYTES, `${keyCount} keys`)
  const keys: Array<{ name: string; base: number; unit: number }> = []
  for (let k = 0; k < keyCount; k++) {
    const name = stringAt(strings, r.varint('key name'), 'key name')
    keys.push({ name, base: r.zigzag('key base'), unit: readUnit(r, 'key unit') })
  }
  const timeBase = r.zigzag('time base')
  const timeUnit = readUnit(r, 'time unit')
  r.need(sampleCount * MIN_SAMPLE_BYTES, `${sampleCount} samples`)
  // A batch of up to a step's samples is one step: the usual batch is decoded in the turn it is reached.
  if (sampleCount > DECODE_STEP_SAMPLES) yield
  const samples: Sample[] = []
  const sampleKeys: Array<(typeof keys)[number]> = []
  for (let i = 0; i < sampleCount; i++) {
    const index = r.varint('sample key')
    const key = keys[index]
    if (key === undefined) throw new BatchDecodeError('bounds', `sample key refers to key ${index} of ${keyCount}`)
    sampleKeys.push(key)
    samples.push({ key: key.name, t: 0, v: 0 })
    if ((i + 1) % DECODE_STEP_SAMPLES === 0) yield
  }
  let t = 0
  for (let i = 0; i < sampleCount; i++) {
    t += timeBase + r.varint('sample time') * timeUnit
    samples[i]!.t = t / TIME_SCALE
    if ((i + 1) % DECODE_STEP_SAMPLES === 0) yield
  }
  for (let i = 0; i < sampleCount; i++) {
    const key = sampleKeys[i]!
    samples[i]!.v = (key.base + r.varint('sample value') * key.unit) / VALUE_SCALE
    if ((i + 1) % DECODE_STEP_SAMPLES === 0) yield
  }
  const tagCounts = new Uint8Array(sampleCount)
  let tagPairs = 0
  for (let i = 0; i < sampleCount; i++) {
    tagCounts[i] = bounded(r.varint('tag count'), MAX_TAGS_PER_SAMPLE, 'tag count')
    tagPairs += tagCounts[i]!
  }
  r.need(tagPairs * 2, `${tagPairs} tags`)
  for (let i = 0; i < sampleCount; i++) {
    if (tagCounts[i]! > 0) samples[i]!.tags = readTags(r, strings, tagCounts[i]!)
    if ((i + 1) % DECODE_STEP_SAMPLES === 0) yield
  }
  return { batchId, timeOrigin, dropped, samples }
}
