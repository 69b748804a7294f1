import type { LCPAttribution, LCPMetric } from 'web-vitals'
import { selectorOf } from '../../lib/selector.ts'

/** The parts of the page's timeline the LCP breakdown reads; the browser's by default. */
export interface LcpTimeline {
  /** The navigation entry, when the browser gives a usable one (a `responseStart` after 0 and before now). */
  navigation(): Pick<PerformanceNavigationTiming, 'responseStart' | 'activationStart'> | undefined
  /** Resource entries of `url`, oldest first. */
  resources(url: string): readonly Pick<PerformanceResourceTiming, 'startTime' | 'requestStart' | 'responseEnd'>[]
}

const browserTimeline: LcpTimeline = {
  navigation() {
    const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
    return entry && entry.responseStart > 0 && entry.responseStart < performance.now() ? entry : undefined
  },
  resources: (url) => performance.getEntriesByName(url, 'resource') as PerformanceResourceTiming[],
}

/** Each LCP entry's element, as a selector, from the first time the entry was seen. */
const targets = new WeakMap<LargestContentfulPaint, string | null>()

/**
 * The selector of the element an entry painted, read the first time the entry is seen (as it arrives): by the final
 * report, on the first input or when the page is hidden, the app may have replaced the element. An element removed
 * before that still has the id it painted with.
 */
function targetOf(entry: LargestContentfulPaint): string | null {
  let target = targets.get(entry)
  if (target === undefined) {
    target = selectorOf(entry.element) ?? (entry.id ? `#${entry.id}` : null)
    targets.set(entry, target)
  }
  return target
}

/**
 * LCP split into its four parts (time to first byte, resource load delay, resource load duration, element
 * render delay: https://web.dev/articles/optimize-lcp), the element and the resource, as web-vitals' attribution
 * build reports them.
 *
 * Ours rather than `web-vitals/attribution`'s because that module, once loaded, observes every resource entry of
 * the page for good, to keep the last 50 in case the app clears the buffer: a callback into the page per request,
 * which for an app polling 20 times a second cost more than the rest of the vitals together. The resource is
 * looked up in the browser's buffer instead (the first 250 entries unless the app raises or clears it); when it is
 * not there, the load parts count as render delay, as they do for a text element.
 */
export function lcpAttribution(metric: LCPMetric, timeline: LcpTimeline = browserTimeline): LCPAttribution {
  const attribution: LCPAttribution = {
    timeToFirstByte: 0,
    resourceLoadDelay: 0,
    resourceLoadDuration: 0,
    elementRenderDelay: metric.value,
  }
  const entry = metric.entries.at(-1)
  if (!entry) return attribution
  attribution.lcpEntry = entry
  const target = targetOf(entry)
  if (target) attribution.target = target
  // The latest request for the URL that started before the element painted: a later one cannot have painted it.
  let resource: ReturnType<LcpTimeline['resources']>[number] | undefined
  if (entry.url) {
    attribution.url = entry.url
    const candidates = timeline.resources(entry.url)
    for (let i = candidates.length - 1; i >= 0 && !resource; i--) {
      const candidate = candidates[i]!
      if ((candidate.requestStart || candidate.startTime) <= entry.startTime) resource = candidate
    }
    if (resource) attribution.lcpResourceEntry = resource as PerformanceResourceTiming
  }
  const navigation = timeline.navigation()
  if (!navigation) return attribution
  attribution.navigationEntry = navigation as PerformanceNavigationTiming
  const activationStart = navigation.activationStart ?? 0
  const ttfb = Math.max(0, navigation.responseStart - activationStart)
  const requestStart = Math.max(ttfb, resource ? (resource.requestStart || resource.startTime) - activationStart : 0)
  // Capped at LCP: a video goes on downloading after it painted.
  const responseEnd = Math.min(
    metric.value,
    Math.max(requestStart, resource ? resource.responseEnd - activationStart : 0),
  )
  attribution.timeToFirstByte = ttfb
  attribution.resourceLoadDelay = requestStart - ttfb
  attribution.resourceLoadDuration = responseEnd - requestStart
  attribution.elementRenderDelay = metric.value - responseEnd
  return attribution
}
