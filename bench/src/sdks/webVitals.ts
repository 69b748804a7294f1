import { onCLS, onFCP, onINP, onLCP, onTTFB, type MetricWithAttribution } from 'web-vitals/attribution'

/** `web-vitals/attribution` with a listener on each of the five metrics (it wraps no network call). */
export function install(_origin: string): MetricWithAttribution[] {
  const reports: MetricWithAttribution[] = []
  const report = (metric: MetricWithAttribution) => reports.push(metric)
  onCLS(report)
  onFCP(report)
  onINP(report)
  onLCP(report)
  onTTFB(report)
  return reports
}
