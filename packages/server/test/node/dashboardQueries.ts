import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The shipped Grafana dashboard. */
export const DASHBOARD_PATH = fileURLToPath(new URL('../../../../grafana/perfscope-dashboard.json', import.meta.url))

/** Every PromQL expression in the dashboard: panel targets and template-variable queries. */
export function dashboardExpressions(path = DASHBOARD_PATH): string[] {
  const dashboard = JSON.parse(readFileSync(path, 'utf8')) as {
    panels: Array<{ targets?: Array<{ expr: string }> }>
    templating: { list: Array<{ type: string; query?: { query: string } | string }> }
  }
  const fromPanels = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr))
  const fromVariables = dashboard.templating.list
    .filter((v) => v.type === 'query')
    .map((v) => (typeof v.query === 'string' ? v.query : v.query!.query))
  return [...fromPanels, ...fromVariables]
}

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'and',
  'or',
  'unless',
  'inf',
  'nan',
])

/**
 * The metric names a PromQL expression reads. Drops strings, label matchers, ranges, grouping clauses, Grafana
 * variables and numbers; what is left that is not a keyword or a function call is a metric name.
 */
export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ')
  const names = new Set<string>()
  for (const m of stripped.matchAll(/[A-Za-z_:][\w:]*(?!\w)(\s*\()?/g)) {
    if (m[1] !== undefined || KEYWORDS.has(m[0].toLowerCase())) continue
    names.add(m[0])
  }
  return [...names]
}

/** Series names in a text exposition: every sample line's name (`x_bucket`, `x_sum`, `x_count` for histograms). */
export function expositionNames(exposition: string): Set<string> {
  const names = new Set<string>()
  for (const line of exposition.split('\n')) {
    const m = /^([A-Za-z_:][\w:]*)[{ ]/.exec(line)
    if (m) names.add(m[1]!)
  }
  return names
}
