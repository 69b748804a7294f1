import type { Feature } from '../../kernel/feature.ts'
import { checkedNetworkSource } from './networkSource.ts'
import { checkNetworkOptions, type NetworkOptions } from './networkOptions.ts'

/**
 * fetch, XMLHttpRequest, WebSocket and EventSource calls grouped by endpoint. The interceptors are installed by
 * `start()` itself, never later, so the app's first request is measured.
 */
export const networkFeature: Feature<NetworkOptions, void> = {
  name: 'network',
  collects: true,
  resolveOptions: checkNetworkOptions,
  slice: { endpoints: [], channels: [] },
  create: (_kernel, options) => ({ sources: [checkedNetworkSource(options)], api: undefined }),
}
