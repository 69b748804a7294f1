import type { Sample } from '../../../types.ts'

/** The samples {@link V1_BATCH} was encoded from. */
const V1_SAMPLES: Sample[] = [
  { key: 'http.GET /api/users/:id', t: 1012.3, v: 84.2, tags: { status: '200' } },
  { key: 'http.GET /api/users/:id', t: 1040.7, v: 131.9, tags: { status: '200' } },
  { key: 'http.POST /api/events', t: 1055.1, v: 212.345, tags: { status: '503', ['__proto__']: 'x' } },
  { key: 'longtask', t: 1049.9, v: 57 },
  { key: 'vital.CLS', t: 1200, v: 0.127 },
  { key: 'memory.usedJSHeapSize', t: 1300.5, v: 30_512_384 },
  { key: 'http.GET /api/users/:id', t: 1333.3, v: 79.8, tags: { status: '200', cache: 'hit' } },
  { key: 'delta.ü', t: 1400, v: -12.5 },
]

/**
 * A batch written by the version 1 encoder of the previous release (records, values as thousandths), kept
 * byte for byte: deployed clients still send this format, and the server must still read it.
 */
export const V1_BATCH = {
  text:
    'AXv_d9tX3t8Xpv7fY8jCK55RUlKg5-4aoqCfWJCpX1qcWlSsb5WZwlZcklhSWsxsZGAgClYS4B8MVZNalppXUsxsamDMGR9fUJRfkh8fz1jBkZOfl16S' +
    'WJzNWZZZkpij5-wTLJqbmptfVKkHNDTFK9gjNbEgOLMqlTU5MTkjlTkjs4QjJTWnJFHv8B4OhmnzGC8s5mJkZGLYwbLiJSuQwbyA6dNXSSZGFlY29vQL' +
    'v9gYOHaJ_2Nk4LzF37Dgw6rHjAwME1jb17ExMTJxcfNs41p-mJEBAA',
  batchId: 0xdeadbeef,
  timeOrigin: 1_700_000_000_123,
  dropped: 4,
  samples: V1_SAMPLES,
}
