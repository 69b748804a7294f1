import type { Feature } from '../../kernel/feature.ts'
import { lazySource } from '../../kernel/lazySource.ts'
import { loadIdleCode } from '../loadIdleCode.ts'

/**
 * Core Web Vitals through `web-vitals`, registered at the first idle moment: its observers ask for buffered
 * entries, so nothing that happened before is lost.
 */
export const vitalsFeature: Feature<void, void> = {
  name: 'vitals',
  collects: true,
  resolveOptions: () => undefined,
  slice: { vitals: {} },
  create: () => ({
    sources: [lazySource('webVitals', 'vitals', () => loadIdleCode().then((m) => m.webVitalsSource))],
    api: undefined,
  }),
}
