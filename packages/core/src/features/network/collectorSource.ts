import { NetworkCollector, type TimingStart } from './networkCollector.ts'
import type { NetworkRecorder } from './recorder.ts'
import type { ResolvedNetworkOptions } from './networkOptions.ts'
import type { Source } from '../../kernel/source.ts'

/** The late half of the network source: the collector, draining what the interceptors recorded since `start()`. */
export function collectorSource(
  recorder: NetworkRecorder,
  options: ResolvedNetworkOptions,
  timing: TimingStart,
): Source {
  return {
    name: 'network',
    metric: 'network',
    start(context) {
      const collector = new NetworkCollector(context, options, recorder)
      recorder.attach(collector)
      const stopTiming = collector.observeResourceTiming(timing)
      const offCollect = context.onCollect(() => collector.flush())
      return () => {
        offCollect()
        recorder.attach(null)
        stopTiming()
      }
    },
  }
}
