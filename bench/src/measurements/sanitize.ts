import { routeOfPath, sanitizeUrl } from '@perfscope/core'
import { figure, type Measurement, type Row } from '../measurement.ts'
import { median, summarize } from '../stats.ts'
import { PRIVACY_CORPUS } from '../../../packages/core/test/privacyCorpus.ts'

const FULL = { runs: 7, calls: 200_000 }
const QUICK = { runs: 3, calls: 50_000 }

/** Everyday API paths (mostly route words, some ids) beside the corpus's secret-laden ones: what an app calls. */
const APP_PATHS = [
  '/api/items',
  '/api/users/me',
  '/api/v2/settings/notifications',
  '/api/orders/1234/items',
  '/api/feed',
  '/graphql',
  '/api/health',
  '/api/products/search',
  '/api/cart',
  '/api/users/42/avatar',
]

/**
 * The rules the endpoint keys used before the sanitiser (a segment with a digit that is a number, a UUID, 12+ hex
 * or a 20+ letter-and-digit run became `:id`): the rival that shows what the wider classification costs.
 */
const DIGIT = /\d/
const NUMBER = /^\d+$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const HEX = /^(?=.*\d)[0-9a-f]{12,}$/i
const TOKEN = /^(?=.*\d)(?=.*[a-z])[\w-]{20,}$/i
function digitRulesRoute(path: string): string {
  if (!DIGIT.test(path)) return path
  const segments = path.split('/')
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!
    if (DIGIT.test(s) && (NUMBER.test(s) || UUID.test(s) || HEX.test(s) || TOKEN.test(s))) segments[i] = ':id'
  }
  return segments.join('/')
}

function nsPerCall<T>(inputs: readonly T[], calls: number, fn: (input: T) => string): number {
  let sink = 0
  const start = process.hrtime.bigint()
  for (let i = 0; i < calls; i++) sink += fn(inputs[i % inputs.length]!).length
  const ns = Number(process.hrtime.bigint() - start) / calls
  if (sink === 0) throw new Error('sanitize bench: nothing computed')
  return ns
}

/**
 * The URL sanitiser's cost per call on the request path: `routeOfPath()` (what each new request URL pays for its
 * endpoint key) and `sanitizeUrl()` (what a shown URL pays once), beside the digit-only rules it replaced and
 * `new URL()` (which the collector pays for a URL that needs parsing anyway).
 */
export const sanitize: Measurement = {
  id: 'sanitize',
  title: 'URL sanitiser cost per call',
  description:
    'In Node (V8, as in Chromium), the paths of the 158-URL privacy corpus mixed 1:1 with everyday API paths go through ' +
    '`routeOfPath()` (segment classification into :id / :token / :email / :file), the full URLs through `sanitizeUrl()` ' +
    '(path, query names, nested URLs), beside the digit-only rules the endpoint keys used before and `new URL()` on the ' +
    'same URLs. Time per call, median of several runs after a warm-up (IQR). The collector caches the result per URL ' +
    'string, so a polled URL pays it once.',
  async run({ quick, log }) {
    const c = quick ? QUICK : FULL
    const urls = PRIVACY_CORPUS.map(([url]) => url)
    const paths = PRIVACY_CORPUS.flatMap(([url], i) => [new URL(url).pathname, APP_PATHS[i % APP_PATHS.length]!])
    const subjects: Array<{ sdk: string; inputs: readonly string[]; fn: (input: string) => string; note: string }> = [
      {
        sdk: 'perfscope routeOfPath()',
        inputs: paths,
        fn: (p) => routeOfPath(p),
        note: 'endpoint key of a new request URL',
      },
      {
        sdk: 'previous digit-only rules',
        inputs: paths,
        fn: digitRulesRoute,
        note: 'missed JWTs, e-mails, digit-less tokens, ; parameters',
      },
      {
        sdk: 'perfscope sanitizeUrl()',
        inputs: urls,
        fn: (u) => sanitizeUrl(u),
        note: 'lastUrl / attribution: parse, path, query',
      },
      { sdk: 'new URL() alone', inputs: urls, fn: (u) => new URL(u).href, note: 'parsing only, for scale' },
    ]
    log('sanitize: warm-up')
    for (const s of subjects) nsPerCall(s.inputs, c.calls, s.fn)
    const results = subjects.map(() => [] as number[])
    for (let run = 0; run < c.runs; run++)
      subjects.forEach((s, i) => results[i]!.push(nsPerCall(s.inputs, c.calls, s.fn)))
    const baseline = { label: 'previous digit-only rules', value: median(results[1]!) }
    const rows: Row[] = subjects.map((s, i) =>
      figure({
        measurement: 'URL sanitiser: time per call',
        sdk: s.sdk,
        unit: 'ns per call',
        summary: summarize(results[i]!),
        runsDetail: `runs × ${c.calls.toLocaleString('en-US')} calls`,
        baseline,
        note: s.note,
      }),
    )
    return rows
  },
}
