import { DEFAULT_MAX_PER_SECOND } from './compiledNetworkOptions.ts'
/**
 * Polling-runaway detection for one endpoint. It learns the interval an endpoint is polled at (once the app
 * has called it at a steady pace), and flags it when
 * - `rate`: the recent calls come far faster than the learned interval (a retry loop, a re-render loop),
 * - `overlap`: new polls keep starting before the previous one finished (a poll that outruns its server),
 * - `ceiling`: more calls within any one second than the configured ceiling, polling or not.
 * The flag clears when the pace returns. Memory per endpoint is fixed (a few numbers and two small rings).
 */

/** A steady pace needs this many consecutive intervals within {@link STEADY_SPREAD} of each other. */
export const STEADY_INTERVALS = 4
/** Max / min ratio of the intervals that count as one steady pace (timers jitter, servers vary). */
export const STEADY_SPREAD = 1.5
/** Intervals shorter than this are bursts (parallel loads), never a polling pace to learn. */
export const MIN_POLL_INTERVAL_MS = 50
/** Runaway when the mean of the last {@link RECENT_INTERVALS} intervals is under learned / RATE_FACTOR. */
export const RATE_FACTOR = 3
/** ...and clears when that mean is back above learned / CLEAR_FACTOR (hysteresis, so it does not flicker). */
export const CLEAR_FACTOR = 1.5
export const RECENT_INTERVALS = 5
/** Overlapping polls in a row that make a runaway (one slow response is not one). */
export const OVERLAP_STREAK = 2
/** The ceiling counts calls in a sliding second made of this many slots (100 ms each). */
const CEILING_SLOTS = 10
const CEILING_SLOT_MS = 1000 / CEILING_SLOTS
/** A ceiling slot that has counted nothing yet: older than any slice, even one a little before the first call's. */
const NO_SLICE = -0x80000000
/**
 * A burst past the ceiling stays flagged this long after its last call past the ceiling: one burst is over within
 * a second, and a flag that lives that long could be gone before anyone (the overlay, an alert check at idle) looks.
 */
export const CEILING_HOLD_MS = 5000

export type RunawayKind = 'rate' | 'overlap' | 'ceiling'

export interface RunawayState {
  active: boolean
  kind: RunawayKind | null
  reason: string | null
}

export class RunawayDetector {
  /** The learned polling interval in ms, or null while the endpoint has not polled steadily. */
  intervalMs: number | null = null
  private readonly starts = new Float64Array(RECENT_INTERVALS + 1)
  private startCount = 0
  private steadyRun = 0
  private steadyMin = Infinity
  private steadyMax = 0
  private steadySum = 0
  private overlapStreak = 0
  private rateActive = false
  private readonly slotCounts = new Uint16Array(CEILING_SLOTS)
  /**
   * The slice of a second each slot counts, numbered from the first call's, so they fit an Int32Array whatever
   * the clock: this array is read ten times per call, and an engine that has not optimised the loop yet makes a
   * heap number of every read from a Float64Array.
   */
  private readonly slotIds = new Int32Array(CEILING_SLOTS).fill(NO_SLICE)
  private firstSlice: number | null = null
  /** The most calls seen within one second while the ceiling flag is held, and when the ceiling was last passed. */
  private ceilingPeak = 0
  private ceilingAt = -Infinity

  constructor(private readonly maxPerSecond: number = DEFAULT_MAX_PER_SECOND) {}

  /** Records a call starting at `t` (ms) while `inFlight` earlier calls to the same endpoint are unfinished. */
  start(t: number, inFlight: number): void {
    const previous = this.startCount > 0 ? this.starts[(this.startCount - 1) % this.starts.length]! : null
    this.starts[this.startCount % this.starts.length] = t
    this.startCount++
    this.countCeiling(t)
    if (previous !== null) this.learn(t - previous)
    if (this.intervalMs !== null) this.overlapStreak = inFlight > 0 ? this.overlapStreak + 1 : 0
    this.updateRate(t)
  }

  /** The state at time `t`; a stopped endpoint clears once a learned interval has passed without calls. */
  evaluate(t: number): RunawayState {
    this.updateRate(t)
    if (t - this.ceilingAt < CEILING_HOLD_MS) {
      return {
        active: true,
        kind: 'ceiling',
        reason: `ceiling: ${this.ceilingPeak} calls in one second, ceiling ${this.maxPerSecond}/s`,
      }
    }
    if (this.rateActive && this.intervalMs !== null) {
      const mean = this.recentMean()
      return {
        active: true,
        kind: 'rate',
        reason: `rate: every ${Math.round(mean ?? 0)} ms, learned polling interval ${Math.round(this.intervalMs)} ms`,
      }
    }
    if (this.overlapStreak >= OVERLAP_STREAK) {
      return {
        active: true,
        kind: 'overlap',
        reason: `overlap: ${this.overlapStreak} polls in a row started before the previous one finished`,
      }
    }
    return { active: false, kind: null, reason: null }
  }

  /** Counts a call into the sliding second ending at `t`, and notes when that second passes the ceiling. */
  private countCeiling(t: number): void {
    const slice = Math.floor(t / CEILING_SLOT_MS)
    const id = slice - (this.firstSlice ??= slice)
    // A call a little older than the first has a slice below 0: its slot still counts from 0 to CEILING_SLOTS - 1.
    const slot = (id + CEILING_SLOTS) % CEILING_SLOTS
    // Records arrive in start order, give or take a little: a call older than its slot's second is outside it.
    if (this.slotIds[slot]! > id) return
    if (this.slotIds[slot] !== id) {
      this.slotIds[slot] = id
      this.slotCounts[slot] = 0
    }
    this.slotCounts[slot]!++
    let perSecond = 0
    for (let i = 0; i < CEILING_SLOTS; i++) if (this.slotIds[i]! > id - CEILING_SLOTS) perSecond += this.slotCounts[i]!
    if (perSecond <= this.maxPerSecond) return
    const held = t - this.ceilingAt < CEILING_HOLD_MS
    this.ceilingPeak = held ? Math.max(this.ceilingPeak, perSecond) : perSecond
    this.ceilingAt = t
  }

  /** Learns the polling interval: first from a steady run, then by slowly following intervals near it. */
  private learn(interval: number): void {
    if (interval < MIN_POLL_INTERVAL_MS) {
      this.steadyRun = 0
      return
    }
    if (this.intervalMs === null) {
      const min = Math.min(this.steadyMin, interval)
      const max = Math.max(this.steadyMax, interval)
      if (this.steadyRun > 0 && max / min <= STEADY_SPREAD) {
        this.steadyRun++
        this.steadyMin = min
        this.steadyMax = max
        this.steadySum += interval
      } else {
        this.steadyRun = 1
        this.steadyMin = this.steadyMax = this.steadySum = interval
      }
      if (this.steadyRun >= STEADY_INTERVALS) this.intervalMs = this.steadySum / this.steadyRun
      return
    }
    // Only intervals close to the learned one refine it; faster ones are what we watch for, much slower ones are
    // pauses (a hidden tab) rather than a new pace.
    if (!this.rateActive && interval >= this.intervalMs / CLEAR_FACTOR && interval <= this.intervalMs * 2) {
      this.intervalMs = this.intervalMs * 0.8 + interval * 0.2
    }
  }

  private recentMean(): number | null {
    const n = Math.min(this.startCount, this.starts.length)
    if (n < RECENT_INTERVALS + 1) return null
    const newest = this.starts[(this.startCount - 1) % this.starts.length]!
    const oldest = this.starts[this.startCount % this.starts.length]!
    return (newest - oldest) / RECENT_INTERVALS
  }

  private updateRate(t: number): void {
    if (this.intervalMs === null) return
    const mean = this.recentMean()
    if (mean === null) return
    const newest = this.starts[(this.startCount - 1) % this.starts.length]!
    // No call for a whole learned interval (plus slack): the pace has returned, whatever the last burst was.
    const idle = t - newest > this.intervalMs * CLEAR_FACTOR
    if (!this.rateActive) this.rateActive = !idle && mean < this.intervalMs / RATE_FACTOR
    else if (idle || mean >= this.intervalMs / CLEAR_FACTOR) this.rateActive = false
  }
}
