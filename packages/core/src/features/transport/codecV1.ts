import type { Sample } from '../../types.ts'
import { BatchDecodeError, bounded } from './batchDecodeError.ts'
import {
  DECODE_STEP_SAMPLES,
  MAX_TAGS_PER_SAMPLE,
  readPreambleSteps,
  readTags,
  stringAt,
  TIME_SCALE,
  VALUE_SCALE,
  type Batch,
  type DecodeLimits,
} from './batchFormat.ts'
import type { ByteReader } from './byteIo.ts'

/**
 * Decodes a version 1 payload, which clients of earlier releases still send: after the preamble, one record per
 * sample, `key · Δt:zigzag · Δv:zigzag · tagCount · (name · value)*`, where Δv is value × 1000 minus the previous
 * value of the same key. Nothing encodes version 1 any more. Yields every {@link DECODE_STEP_SAMPLES} samples.
 */
export function* decodeV1Steps(r: ByteReader, limits: DecodeLimits): Generator<void, Batch, void> {
  const { batchId, timeOrigin, dropped, strings } = yield* readPreambleSteps(r, limits)
  const sampleCount = bounded(r.varint('sample count'), limits.maxSamples, 'sample count', 'too-many-samples')
  // A record is at least four varints (key, Δt, Δv, tag count).
  r.need(sampleCount * 4, `${sampleCount} samples`)
  const samples: Sample[] = []
  const previousValue = new Map<number, number>()
  let t = 0
  for (let i = 0; i < sampleCount; i++) {
    const keyIndex = r.varint('sample key')
    const key = stringAt(strings, keyIndex, 'sample key')
    if (!previousValue.has(keyIndex) && previousValue.size >= limits.maxKeys) {
      throw new BatchDecodeError('too-many-keys', `more than ${limits.maxKeys} keys`)
    }
    t += r.zigzag('sample time')
    const v = (previousValue.get(keyIndex) ?? 0) + r.zigzag('sample value')
    previousValue.set(keyIndex, v)
    const tagCount = bounded(r.varint('tag count'), MAX_TAGS_PER_SAMPLE, 'tag count')
    const sample: Sample = { key, t: t / TIME_SCALE, v: v / VALUE_SCALE }
    if (tagCount > 0) sample.tags = readTags(r, strings, tagCount)
    samples.push(sample)
    if ((i + 1) % DECODE_STEP_SAMPLES === 0) yield
  }
  return { batchId, timeOrigin, dropped, samples }
}
