import type { LCPMetric } from 'web-vitals'
import type {
  CLSMetricWithAttribution,
  FCPMetricWithAttribution,
  INPMetricWithAttribution,
  LCPMetricWithAttribution,
  TTFBMetricWithAttribution,
} from 'web-vitals/attribution'
import { onCLS } from 'web-vitals/attribution/onCLS.js'
import { onFCP } from 'web-vitals/attribution/onFCP.js'
import { onINP } from 'web-vitals/attribution/onINP.js'
import { onTTFB } from 'web-vitals/attribution/onTTFB.js'
import { onLCP } from 'web-vitals/onLCP.js'
import { sanitizeUrl } from '../../privacy/sanitizeUrl.ts'
import type { Source } from '../../kernel/source.ts'
import type { VitalName, VitalState } from '../../types.ts'
import { lcpAttribution } from './lcpAttribution.ts'

type VitalMetric =
  | LCPMetricWithAttribution
  | INPMetricWithAttribution
  | CLSMetricWithAttribution
  | FCPMetricWithAttribution
  | TTFBMetricWithAttribution

/**
 * web-vitals adds its listeners once per page and cannot take them back, so they are registered on the first
 * start (never at import) and fan out to whichever monitors are running; the latest value of each vital is kept
 * so a monitor started later, or restarted, still sees what was already reported.
 */
const listeners = new Set<(state: VitalState, name: VitalName) => void>()
const latest = new Map<VitalName, VitalState>()
let registered = false

function register(): void {
  if (registered) return
  registered = true
  // reportAllChanges: a dev overlay shows LCP, CLS and INP as they change, not only when the page is hidden.
  const options = { reportAllChanges: true }
  const report = (metric: VitalMetric) => {
    const state: VitalState = {
      value: metric.value,
      rating: metric.rating,
      attribution: attributionOf(metric),
      at: performance.now(),
    }
    latest.set(metric.name, state)
    for (const listener of listeners) listener(state, metric.name)
  }
  // LCP's attribution is ours (see lcpAttribution.ts); each module is imported alone, so web-vitals' LCP
  // attribution module, which observes every resource entry, is never loaded.
  onLCP((metric: LCPMetric) => report({ ...metric, attribution: lcpAttribution(metric) }), options)
  onINP(report, options)
  onCLS(report, options)
  onFCP(report, options)
  onTTFB(report, options)
}

/**
 * The parts of web-vitals' attribution a developer acts on, as plain JSON (never DOM nodes or entries). URLs go
 * through the sanitiser with no query value kept: a signed image or script URL carries its signature there.
 */
export function attributionOf(metric: VitalMetric): Record<string, unknown> {
  switch (metric.name) {
    case 'LCP': {
      const a = metric.attribution
      return {
        element: a.target ?? null,
        url: a.url ? sanitizeUrl(a.url) : null,
        timeToFirstByte: a.timeToFirstByte,
        resourceLoadDelay: a.resourceLoadDelay,
        resourceLoadDuration: a.resourceLoadDuration,
        elementRenderDelay: a.elementRenderDelay,
      }
    }
    case 'INP': {
      const a = metric.attribution
      return {
        target: a.interactionTarget ?? null,
        type: a.interactionType ?? null,
        time: a.interactionTime ?? null,
        inputDelay: a.inputDelay,
        processingDuration: a.processingDuration,
        presentationDelay: a.presentationDelay,
        loadState: a.loadState,
        longestScript: a.longestScript
          ? {
              subpart: a.longestScript.subpart,
              duration: a.longestScript.intersectingDuration,
              source: a.longestScript.entry.sourceURL ? sanitizeUrl(a.longestScript.entry.sourceURL) : null,
            }
          : null,
      }
    }
    case 'CLS': {
      const a = metric.attribution
      return {
        largestShiftTarget: a.largestShiftTarget ?? null,
        largestShiftValue: a.largestShiftValue ?? null,
        largestShiftTime: a.largestShiftTime ?? null,
        loadState: a.loadState ?? null,
      }
    }
    case 'FCP': {
      const a = metric.attribution
      return { timeToFirstByte: a.timeToFirstByte, firstByteToFCP: a.firstByteToFCP, loadState: a.loadState }
    }
    case 'TTFB': {
      const a = metric.attribution
      return {
        waitingDuration: a.waitingDuration,
        cacheDuration: a.cacheDuration,
        dnsDuration: a.dnsDuration,
        connectionDuration: a.connectionDuration,
        requestDuration: a.requestDuration,
      }
    }
  }
}

/** LCP, INP, CLS, FCP and TTFB through `web-vitals/attribution`, each with its rating and attribution. */
export const webVitalsSource: Source = {
  name: 'webVitals',
  metric: 'vitals',
  start(context) {
    const onVital = context.guard.wrap('webVitals', (state: VitalState, name: VitalName) => {
      context.publish({ vitals: { ...context.read().vitals, [name]: state } })
      context.emit({ key: `vital.${name}`, t: state.at, v: state.value })
    })
    listeners.add(onVital)
    if (latest.size > 0) context.publish({ vitals: { ...context.read().vitals, ...Object.fromEntries(latest) } })
    register()
    return () => listeners.delete(onVital)
  },
}
