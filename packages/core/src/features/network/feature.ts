import type { Feature } from '../../kernel/feature.ts'
import { resolvedNetworkSource } from './networkSource.ts'
import { resolveNetworkOptions, type ResolvedNetworkOptions } from './networkOptions.ts'

/**
 * fetch, XMLHttpRequest, WebSocket and EventSource calls grouped by endpoint. The interceptors are installed by
 * `start()` itself, never later, so the app's first request is measured.
 */
export const networkFeature: Feature<ResolvedNetworkOptions, void> = {
  name: 'network',
  collects: true,
  resolveOptions: resolveNetworkOptions,
  slice: { endpoints: [], channels: [] },
  create: (_kernel, options) => ({ sources: [resolvedNetworkSource(options)], api: undefined }),
}
