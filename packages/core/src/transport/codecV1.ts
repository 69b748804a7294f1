import type { Sample } from '../types.ts'
import { bounded } from './batchDecodeError.ts'
import {
  MAX_SAMPLES_PER_BATCH,
  MAX_TAGS_PER_SAMPLE,
  readPreamble,
  readTags,
  stringAt,
  TIME_SCALE,
  VALUE_SCALE,
  type Batch,
} from './batchFormat.ts'
import type { ByteReader } from './byteIo.ts'

/**
 * Decodes a version 1 payload, which clients of earlier releases still send: after the preamble, one record per
 * sample, `key · Δt:zigzag · Δv:zigzag · tagCount · (name · value)*`, where Δv is value × 1000 minus the previous
 * value of the same key. Nothing encodes version 1 any more.
 */
export function decodeV1Payload(r: ByteReader): Batch {
  const { batchId, timeOrigin, dropped, strings } = readPreamble(r)
  const sampleCount = bounded(r.varint('sample count'), MAX_SAMPLES_PER_BATCH, 'sample count')
  const samples: Sample[] = []
  const previousValue = new Map<number, number>()
  let t = 0
  for (let i = 0; i < sampleCount; i++) {
    const keyIndex = r.varint('sample key')
    const key = stringAt(strings, keyIndex, 'sample key')
    t += r.zigzag('sample time')
    const v = (previousValue.get(keyIndex) ?? 0) + r.zigzag('sample value')
    previousValue.set(keyIndex, v)
    const tagCount = bounded(r.varint('tag count'), MAX_TAGS_PER_SAMPLE, 'tag count')
    const sample: Sample = { key, t: t / TIME_SCALE, v: v / VALUE_SCALE }
    if (tagCount > 0) sample.tags = readTags(r, strings, tagCount)
    samples.push(sample)
  }
  return { batchId, timeOrigin, dropped, samples }
}
