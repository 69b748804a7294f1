import type { Feature } from '../../kernel/feature.ts'
import { lazySource } from '../../kernel/lazySource.ts'
import { resolveTransportOptions, type ResolvedTransportOptions } from './options.ts'
import { loadIdleCode } from '../loadIdleCode.ts'

/**
 * Piggybacked transport: samples ride on the app's own requests once a server announced that it takes them.
 * The codec and its compressor load at the first idle moment; samples emitted before are replayed to it.
 */
export const transportFeature: Feature<ResolvedTransportOptions, void> = {
  name: 'transport',
  collects: true,
  resolveOptions: resolveTransportOptions,
  slice: { transport: null },
  create: (_kernel, options) => ({
    sources: options.enabled
      ? [lazySource('transport', null, () => loadIdleCode().then((m) => m.createTransportSource(options)))]
      : [],
    api: undefined,
  }),
}
