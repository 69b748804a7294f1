import type { Sample, VitalName } from '@perfscope/core'

/** What a client sample means to an outlet: a Web Vital, or one request the page made to an endpoint. */
export type ClientMeasure =
  | { kind: 'vital'; name: VitalName; value: number }
  | { kind: 'request'; endpoint: string; durationMs: number; error: boolean }

const VITALS: ReadonlySet<string> = new Set<VitalName>(['LCP', 'INP', 'CLS', 'FCP', 'TTFB'])

/** Longest endpoint kept as a label or attribute; a longer key is cut (keys come from the network, so bound them). */
export const MAX_ENDPOINT_LABEL_LENGTH = 200

/**
 * Reads one decoded client sample as a vital (`vital.LCP` …) or an endpoint request (`http.GET /api/items`);
 * anything else (long tasks, frames, unknown vitals) is `null`. A request is an error when its status is 4xx/5xx or
 * it carries an `error` tag (network failure, timeout), as in the day summaries.
 */
export function readClientSample(sample: Sample): ClientMeasure | null {
  if (!Number.isFinite(sample.v) || sample.v < 0) return null
  if (sample.key.startsWith('vital.')) {
    const name = sample.key.slice(6)
    return VITALS.has(name) ? { kind: 'vital', name: name as VitalName, value: sample.v } : null
  }
  if (sample.key.startsWith('http.') && sample.key.length > 5) {
    const status = Number(sample.tags?.status)
    return {
      kind: 'request',
      endpoint: sample.key.slice(5, 5 + MAX_ENDPOINT_LABEL_LENGTH),
      durationMs: sample.v,
      error: (Number.isFinite(status) && status >= 400) || sample.tags?.error !== undefined,
    }
  }
  return null
}

/**
 * Keeps at most `max` distinct keys; past that every new key becomes `overflow`, so a client that sends many
 * distinct endpoints cannot grow the number of series (or attribute sets) without bound.
 */
export class KeyCap {
  private readonly keys = new Set<string>()
  constructor(
    private readonly max: number,
    readonly overflow = 'other',
  ) {}

  /** The key itself while under the cap (or already seen), else the overflow key. */
  admit(key: string): string {
    if (this.keys.has(key)) return key
    if (this.keys.size >= this.max) return this.overflow
    this.keys.add(key)
    return key
  }
}

/** Where an outlet (Prometheus, OTLP) puts the client samples it is given. */
export interface ClientOutlet {
  cls(value: number): void
  vital(name: Exclude<VitalName, 'CLS'>, valueMs: number): void
  /** `endpoint` is already admitted by the outlet's {@link KeyCap}. */
  request(endpoint: string, durationMs: number, error: boolean): void
}

/** Sends each vital and request among `samples` to `outlet`, endpoints through `endpoints`; the rest is skipped. */
export function recordClientSamples(samples: Iterable<Sample>, endpoints: KeyCap, outlet: ClientOutlet): void {
  for (const sample of samples) {
    const m = readClientSample(sample)
    if (!m) continue
    if (m.kind === 'request') outlet.request(endpoints.admit(m.endpoint), m.durationMs, m.error)
    else if (m.name === 'CLS') outlet.cls(m.value)
    else outlet.vital(m.name, m.value)
  }
}
