import { NetworkCollector } from './networkCollector.ts'
import type { NetworkRecorder } from './recorder.ts'
import { compileNetworkOptions } from './compiledNetworkOptions.ts'
import type { NetworkOptions } from './networkOptions.ts'
import type { Source } from '../../kernel/source.ts'

/** The late half of the network source: the collector, draining what the interceptors recorded since `start()`. */
export function collectorSource(
  recorder: NetworkRecorder,
  options: NetworkOptions,
  /** Count the calls the page made before the interceptors were installed (the page's first monitor only). */
  backfill: boolean,
): Source {
  return {
    name: 'network',
    metric: 'network',
    start(context) {
      const collector = new NetworkCollector(context, compileNetworkOptions(options), recorder)
      recorder.attach(collector)
      const stopTiming = collector.observeResourceTiming(backfill)
      const offCollect = context.onCollect(() => collector.flush())
      return () => {
        offCollect()
        recorder.attach(null)
        stopTiming()
      }
    },
  }
}
