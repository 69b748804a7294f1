import type { Sample } from '@perfscope/core'

/**
 * A batch line written by the previous release (`{"k":"b","t":…,"d":dropped,"s":[[key, value, error], …]}`),
 * read back so an upgrade keeps earlier days. Returns null for anything else; entries that are not a string key,
 * a finite value and 0/1 are left out. Lines are already capped by the reader, so the array is bounded.
 */
export function legacyBatchEvent(e: unknown): { t: number; dropped: number; samples: Sample[] } | null {
  if (typeof e !== 'object' || e === null) return null
  const o = e as Record<string, unknown>
  if (o.k !== 'b' || typeof o.t !== 'number' || !Array.isArray(o.s)) return null
  const samples: Sample[] = []
  for (const entry of o.s as unknown[]) {
    if (!Array.isArray(entry)) continue
    const [key, v, error] = entry as unknown[]
    if (typeof key !== 'string' || typeof v !== 'number' || !Number.isFinite(v)) continue
    samples.push(error === 1 ? { key, t: 0, v, tags: { error: '1' } } : { key, t: 0, v })
  }
  const dropped = typeof o.d === 'number' && Number.isFinite(o.d) && o.d >= 0 ? o.d : 0
  return { t: o.t, dropped, samples }
}
