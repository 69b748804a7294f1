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

/** `x × scale` as a wire integer: rounded and clamped; NaN has no integer form, and 0 keeps the batch decodable. */
function wireInteger(x: number, scale: number): number {
  const n = Math.round(x * scale)
  if (n >= -MAX_WIRE_INTEGER && n <= MAX_WIRE_INTEGER) return n
  return Number.isNaN(n) ? 0 : Math.min(MAX_WIRE_INTEGER, Math.max(-MAX_WIRE_INTEGER, n))
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
 * Columns of integers, each written as `base + offset × unit`: `base` is the smallest, `unit` the largest step that
 * divides every difference from the first value (1 when all are equal). A key whose values are all whole 0.1 ms
 * (as `performance.now()` differences are) gets a unit of 100 thousandths, so its offsets are 100 times smaller
 * and still exact. The time column is one such column; the values are one per key.
 */
class Frames {
  private readonly first: number[] = []
  readonly base: number[] = []
  private readonly step: number[] = []

  /** Starts a column with its first value; returns its index. */
  open(n: number): number {
    this.first.push(n)
    this.base.push(n)
    this.step.push(0)
    return this.base.length - 1
  }

  add(c: number, n: number): void {
    if (n < this.base[c]!) this.base[c] = n
    // A step that already divides the difference stays (most do after the first few values): no gcd then.
    const step = this.step[c]!
    const d = Math.abs(n - this.first[c]!)
    if (step === 0 || d % step !== 0) this.step[c] = gcd(step, d)
  }

  unit(c: number): number {
    return this.step[c] || 1
  }

  offset(c: number, n: number): number {
    return (n - this.base[c]!) / this.unit(c)
  }
}

/**
 * The version 2 payload (before deflate); the layout is in codec.ts. A batch is encoded at an idle moment, mostly
 * before the engine has optimised this code: each column is written with one call.
 */
export function encodeV2Payload(input: EncodeInput): Uint8Array {
  const samples = input.samples
  const n = samples.length
  const table = new StringTable()
  const keyIndexes = new Map<string, number>()
  const keyNames: number[] = []
  /** Key k's values are column `keyFrames[k]`; the time column is opened with the first sample. */
  const frames = new Frames()
  const keyFrames: number[] = []
  let timeFrame = -1
  const keys = new Uint32Array(n)
  const times = new Float64Array(n)
  const values = new Float64Array(n)
  const tagCounts = new Uint8Array(n)
  const tagPairs: number[] = []
  let previousTime = 0
  for (let i = 0; i < n; i++) {
    const sample = samples[i]!
    const t = wireInteger(sample.t, TIME_SCALE)
    const dt = (times[i] = t - previousTime)
    previousTime = t
    if (timeFrame < 0) timeFrame = frames.open(dt)
    else frames.add(timeFrame, dt)
    const v = (values[i] = wireInteger(sample.v, VALUE_SCALE))
    let k = keyIndexes.get(sample.key)
    if (k === undefined) {
      k = keyNames.length
      keyIndexes.set(sample.key, k)
      keyNames.push(table.index(sample.key))
      keyFrames.push(frames.open(v))
    } else frames.add(keyFrames[k]!, v)
    keys[i] = k
    if (sample.tags) tagCounts[i] = table.pairs(sample.tags, MAX_TAGS_PER_SAMPLE, tagPairs)
  }
  for (let i = 0; i < n; i++) {
    times[i] = frames.offset(timeFrame, times[i]!)
    values[i] = frames.offset(keyFrames[keys[i]!]!, values[i]!)
  }
  const w = new ByteWriter()
  writePreamble(w, input, table)
  w.varint(n)
  w.varint(keyNames.length)
  for (let k = 0; k < keyNames.length; k++) {
    w.varint(keyNames[k]!)
    w.zigzag(frames.base[keyFrames[k]!]!)
    w.varint(frames.unit(keyFrames[k]!))
  }
  // A batch without samples has no time column: base 0, unit 1.
  w.zigzag(timeFrame < 0 ? 0 : frames.base[timeFrame]!)
  w.varint(timeFrame < 0 ? 1 : frames.unit(timeFrame))
  // Column after column: deflate finds each column's repeats (status tags, keys) far better than in records.
  w.varints(keys)
  w.varints(times)
  w.varints(values)
  w.varints(tagCounts)
  w.varints(tagPairs)
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
