/** A seeded pseudo-random source, so every run measures the same values (mulberry32: small, fast, good enough). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A log-normal value (Box–Muller): latency-like, with a long right tail. `median` is exp(μ). */
export function logNormal(random: () => number, median: number, sigma: number): number {
  const u = 1 - random()
  const v = random()
  return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v))
}
