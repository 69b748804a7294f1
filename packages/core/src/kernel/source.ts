import type { Guard } from './guard.ts'
import type { RequestHooks } from './requestHooks.ts'
import type { MetricName, Sample, Snapshot } from '../types.ts'

/** What a running source may do: publish into the snapshot, emit samples, and run guarded. */
export interface MonitorContext {
  /** Merges a partial snapshot; writes are coalesced into one store update per microtask. */
  publish(partial: Partial<Snapshot>): void
  /** The current state, including what was published but not yet flushed. */
  read(): Snapshot
  /** Sends one sample to every sample listener (transport, history). */
  emit(sample: Sample): void
  /**
   * Sends samples to every sample listener in one call per listener: a source that makes one per app request (the
   * network) hands them over per batch. The array is never changed afterwards.
   */
  emitAll(samples: readonly Sample[]): void
  /**
   * Listens to every emitted sample; returns the function that stops listening. With `replayEarly`, first hands
   * over the samples emitted since the monitor started while any source still held them (see `holdEarlySamples`).
   */
  onSample(listener: (sample: Sample) => void, replayEarly?: boolean): () => void
  /** {@link onSample} for listeners that take samples in the batches they were emitted in. */
  onSamples(listener: (samples: readonly Sample[]) => void, replayEarly?: boolean): () => void
  /**
   * Keeps emitted samples for a source that starts late (its code loads at the first idle moment) until the
   * returned release is called, so it can replay them. Bounded; the last release drops them.
   */
  holdEarlySamples(): () => void
  /** Calls `listener` when the selected part of the published state changes (compared with `equals`). */
  subscribe<T>(
    selector: (state: Snapshot) => T,
    listener: (selected: T, previous: T) => void,
    equals?: (a: T, b: T) => boolean,
  ): () => void
  /** Catches and times perfscope's own code. */
  readonly guard: Guard
  /** Where network interceptors and the transport meet (piggybacked headers, finished requests). */
  readonly requestHooks: RequestHooks
  /** Monitor-wide settings the app or the overlay can change at run time; sources read them when they need them. */
  readonly settings: MonitorSettings
  /**
   * True while something watches live (the overlay is open). Costly sources (frame rate) run only then;
   * they subscribe with `onWatchChange` and never poll in the background.
   */
  readonly watched: boolean
  onWatchChange(listener: (watched: boolean) => void): () => void
  /**
   * Registers what folds the records a source holds back for its next publish (the network's queue), so that a
   * report or a save made now includes the last calls. A collector may return a promise (a lazy source whose
   * code is still on its way); `Kernel.collect()` waits for it. Returns the function that removes it.
   */
  onCollect(collect: () => void | Promise<void>): () => void
}

/** Run-time settings shared by every source of a monitor (read from the snapshot, changed through the monitor). */
export interface MonitorSettings {
  /** Count perfscope's own and the load simulator's requests in the app's figures (`monitor.setIncludeInternal`). */
  readonly includeInternal: boolean
}

/**
 * One producer of measurements (an observer, an interceptor…). Started only in a browser, only while its
 * metric's filter is on, and stopped with everything it installed undone.
 */
export interface Source {
  /** A short name, used in overhead and error reports (`webVitals`, `fetch`…). */
  readonly name: string
  /** The filter that switches this source, or null for a service that always runs (the transport). */
  readonly metric: MetricName | null
  /** Starts collecting and returns the function that undoes everything `start` did. */
  start(context: MonitorContext): () => void
}
