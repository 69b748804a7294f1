import type { CDPSession, Page } from 'playwright-core'
import { heapSnapshotSummary, retainedHeap as heapAfterGc } from '../lib/cdp.ts'
import { diffHeapSummaries, newCodeByFunction, type HeapDiff, type HeapSummary } from '../lib/heapSnapshot.ts'
import { sdkPage } from '../lib/pages.ts'
import { figure, reasonOf, unavailable, type BenchContext, type Measurement, type Row } from '../measurement.ts'
import { formatNumber } from '../report.ts'
import { ALL_SDKS, NATIVE, PERFSCOPE, type SdkDefinition } from '../sdks/registry.ts'
import { median, slope, slopeFrom, summarize } from '../stats.ts'

/**
 * The slope run (perfscope and native) makes `requests`; every SDK's snapshot run takes heap snapshots after the
 * two `snapshots` counts (the slope run takes them on its way). `capMs` bounds the requests' time past the last
 * snapshot (up to it, the count bounds the run), not the snapshots' time.
 */
const FULL = {
  requests: 100_000,
  checkpoints: 20,
  warmUp: 1000,
  capMs: 60_000,
  snapshots: [12_000, 20_000],
  // perfscope's and native's snapshot diff is the median of the slope run's and this many runs more, each on a
  // fresh page: one pair of snapshots moves by tens of KiB as V8 tiers code up and Blink resizes its tables.
  moreDiffRuns: 2,
}
const QUICK = {
  requests: 5_000,
  checkpoints: 5,
  warmUp: 200,
  capMs: 20_000,
  snapshots: [3_000, 5_000],
  moreDiffRuns: 0,
}
/**
 * Classes the browser keeps for the bench's own CDP session, not for the page: with the Network domain on (the
 * browser driver turns it on), DevTools keeps a record per request (`blink::NetworkResourcesData::ResourceData`,
 * about 290 bytes each) in the page's heap. Left out of the snapshot figure, and said so in the note.
 */
const INSPECTOR_OWNED = /^blink::NetworkResourcesData\b/
const CONCURRENCY = 50
/** Classes listed per snapshot diff: in the note, and in the detail table under the results. */
const NOTE_CLASSES = 4
/** Functions named per snapshot diff as holding the compiled code new since the first snapshot. */
const NOTE_FUNCTIONS = 6
const DETAIL_CLASSES = 12
/** The goal for perfscope: retained heap flat after warm-up, read as this much growth at most between the snapshots. */
const GOAL_KIB = 16

const MEASUREMENT = 'retained heap growth after intercepted requests'
const UNIT = 'KiB'

interface HeapRun {
  /** Requests made after the warm-up at each checkpoint, the warm-up point (0) first. */
  made: number[]
  /** Heap after GC minus after the warm-up, bytes, at each point of `made`. */
  growth: number[]
  base: number
  total: number
  capped: boolean
  snapshots: { requests: number; summary: HeapSummary }[]
  wrapped: boolean
}

/**
 * Hammers `/json` to `requests` after the warm-up, reading the heap after GC at `checkpoints` evenly spaced points
 * (none for a snapshot-only run) and taking a heap snapshot at each count of `snapshotsAt`.
 */
async function heapRun(
  page: Page,
  cdp: CDPSession,
  c: { requests: number; checkpoints: number; warmUp: number; capMs: number },
  snapshotsAt: readonly number[],
): Promise<HeapRun> {
  await page.evaluate(({ n, w }) => window.bench.hammer('/json', n, w), { n: c.warmUp, w: CONCURRENCY })
  const base = await heapAfterGc(cdp)
  const checkpoints = new Set<number>()
  for (let k = 1; k <= c.checkpoints; k++) checkpoints.add(Math.round((k * c.requests) / c.checkpoints))
  const targets = [...new Set([...checkpoints, ...snapshotsAt])].filter((n) => n <= c.requests).sort((a, b) => a - b)
  const run: HeapRun = { made: [0], growth: [0], base, total: 0, capped: false, snapshots: [], wrapped: false }
  let spentMs = 0
  const lastSnapshot = Math.max(0, ...snapshotsAt)
  for (const target of targets) {
    if (spentMs >= c.capMs) {
      run.capped = true
      break
    }
    const t0 = Date.now()
    run.total += await page.evaluate(({ n, w }) => window.bench.hammer('/json', n, w), {
      n: target - run.total,
      w: CONCURRENCY,
    })
    if (target > lastSnapshot) spentMs += Date.now() - t0
    if (checkpoints.has(target)) {
      run.made.push(run.total)
      run.growth.push((await heapAfterGc(cdp)) - base)
    }
    if (snapshotsAt.includes(target)) run.snapshots.push({ requests: target, summary: await heapSnapshotSummary(cdp) })
  }
  run.wrapped = await page.evaluate(() => window.bench.fetchWrapped())
  return run
}

const signed = (n: number) => `${n >= 0 ? '+' : ''}${formatNumber(n)}`

/** Blink's class names spell out their template arguments at length; the first `<` is enough to tell them apart. */
const shortName = (className: string) => {
  const open = className.indexOf('<')
  return open < 0 ? className || '(no name)' : `${className.slice(0, open)}<…>`
}

/** One run's snapshot diff: the growth without DevTools' own records, and what it is made of. */
interface RunDiff {
  a: HeapRun['snapshots'][number]
  b: HeapRun['snapshots'][number]
  classes: HeapDiff['classes']
  countDelta: number
  inspectorBytes: number
  kib: number
  wrapped: boolean
}

function runDiff(run: HeapRun): RunDiff | null {
  const [a, b] = run.snapshots
  if (!a || !b) return null
  const diff: HeapDiff = diffHeapSummaries(a.summary, b.summary)
  const inspector = diff.classes.filter((g) => INSPECTOR_OWNED.test(g.className))
  const inspectorBytes = inspector.reduce((sum, g) => sum + g.bytesDelta, 0)
  const classes = diff.classes.filter((g) => !INSPECTOR_OWNED.test(g.className))
  const kib = (diff.bytesDelta - inspectorBytes) / 1024
  return { a, b, classes, countDelta: diff.countDelta, inspectorBytes, kib, wrapped: run.wrapped }
}

/**
 * The snapshot diff as a row: the median growth in KiB over the runs; the note and the detail table say what the
 * median run's growth is made of (top growing classes, compiled code by function).
 */
function diffRow(sdk: SdkDefinition, runs: HeapRun[], snapshotsAt: readonly number[]): Row {
  const measurement = `retained heap, snapshot diff ${snapshotsAt[0]} → ${snapshotsAt[1]} requests`
  const diffs = runs.map(runDiff).filter((d): d is RunDiff => d !== null)
  if (diffs.length === 0) {
    const made = runs.map((r) => r.total).join(', ')
    return unavailable(
      measurement,
      sdk.label,
      UNIT,
      `the runs ended after ${made} requests, before the second snapshot`,
    )
  }
  const sorted = [...diffs].sort((x, y) => x.kib - y.kib)
  const { a, b, classes, countDelta, inspectorBytes, kib, wrapped } = sorted[(sorted.length - 1) >> 1]!
  const value = median(diffs.map((d) => d.kib))
  // V8's compiled code grows as functions get hot and tier up: real heap, but code, not state the SDK keeps.
  const codeBytes = classes.find((g) => g.className === '(compiled code)')?.bytesDelta ?? 0
  const code = newCodeByFunction(a.summary, b.summary)
  const inKib = (bytes: number) => formatNumber(bytes / 1024)
  const codeNote =
    `compiled code new since the first snapshot ${inKib(code.added.reduce((sum, f) => sum + f.bytes, 0))} KiB, ` +
    `freed ${inKib(code.freedBytes)} KiB; new code by function: ` +
    code.added
      .slice(0, NOTE_FUNCTIONS)
      .map((f) => `${f.name} ${inKib(f.bytes)}`)
      .join(', ')
  const top = classes
    .filter((g) => g.bytesDelta > 0)
    .slice(0, NOTE_CLASSES)
    .map((g) => `${shortName(g.className)} ${signed(g.countDelta)} / ${signed(g.bytesDelta)} B`)
  const goal = sdk.id === PERFSCOPE.id ? `goal ≤ ${GOAL_KIB} KiB: ${value <= GOAL_KIB ? 'met' : 'not met'}` : ''
  const each =
    diffs.length > 1
      ? `runs ${diffs.map((d) => signed(d.kib)).join(', ')} KiB; the rest of this note is the median run's`
      : ''
  const detail = [
    `${sdk.label}: heap snapshot after ${b.requests} requests minus after ${a.requests} ` +
      `(${formatNumber(b.summary.totalBytes / 1024 / 1024)} MiB, ${b.summary.nodeCount} nodes). "new" counts ` +
      'objects the later snapshot has that the earlier one did not (allocated since and still alive). DevTools’ ' +
      `own per-request records (blink::NetworkResourcesData, ${signed(inspectorBytes / 1024)} KiB) are left out.`,
    '',
    '| class | count Δ | bytes Δ | new | new bytes |',
    '| --- | --- | --- | --- | --- |',
    ...classes
      // Numbers and strings get fresh ids in every snapshot; "new" ones of no size say nothing.
      .filter((g) => g.bytesDelta !== 0 || g.newBytes !== 0)
      .slice(0, DETAIL_CLASSES)
      .map(
        (g) =>
          `| ${shortName(g.className)} | ${signed(g.countDelta)} | ${signed(g.bytesDelta)} | ${g.newCount} | ${g.newBytes} |`,
      ),
  ].join('\n')
  return {
    measurement,
    sdk: sdk.label,
    value,
    unit: UNIT,
    runs: diffs.length,
    runsDetail:
      `${diffs.length} run(s), each on a fresh page: forced GC, then heap snapshots after ${a.requests} and ` +
      `${b.requests} requests`,
    spread: diffs.length > 1 ? { kind: 'min–max', low: sorted[0]!.kib, high: sorted.at(-1)!.kib } : null,
    ratio: null,
    ratioTo: null,
    note: [
      goal,
      each,
      `without V8's compiled code ${signed(kib - codeBytes / 1024)} KiB`,
      codeNote,
      `${signed(countDelta)} objects`,
      top.length > 0 ? `grew most: ${top.join(', ')}` : 'no class grew',
      `DevTools’ own network records left out (${signed(inspectorBytes / 1024)} KiB)`,
      wrapped ? 'fetch wrapped' : 'fetch not wrapped',
    ]
      .filter(Boolean)
      .join('; '),
    unavailable: null,
    detail,
  }
}

/** The slope figure (the heap after GC at the checkpoints) as a row. */
function slopeRow(sdk: SdkDefinition, run: HeapRun, c: { requests: number; capMs: number; snapshots: number[] }): Row {
  const summary = summarize(run.growth.map((b) => b / 1024))
  const checkpoints = run.made.length - 1
  // The slope over every point counts the warm-up (buffers filling to their bounds, code tiering up); from the
  // first snapshot on, the span the snapshot diff reads, it says whether the growth goes on.
  const from = c.snapshots[0]!
  const late = slopeFrom(run.made, run.growth, from)
  return {
    ...figure({
      measurement: MEASUREMENT,
      sdk: sdk.label,
      unit: UNIT,
      summary,
      spread: 'min–max',
      runsDetail: `${checkpoints} checkpoint(s) + the warm-up point, over ${run.total} requests${run.capped ? ` (time cap ${c.capMs / 1000} s reached)` : ''}`,
      note: [
        `slope ${formatNumber(slope(run.made, run.growth) * 1000)} B per 1000 requests`,
        ...(late === null ? [] : [`from ${formatNumber(from)} requests on ${formatNumber(late * 1000)} B per 1000`]),
        `heap after warm-up ${formatNumber(run.base / 1024 / 1024)} MiB`,
        run.wrapped ? 'fetch wrapped' : 'fetch not wrapped',
      ].join('; '),
    }),
    value: run.growth.at(-1)! / 1024,
  }
}

/** One run on a fresh page: the slope run (to `requests`), or a snapshot-only run (to the last snapshot). */
async function runOnFreshPage(
  context: BenchContext,
  sdk: SdkDefinition,
  c: typeof FULL,
  slopeRun: boolean,
): Promise<HeapRun> {
  const opened = await context.browser.open(await context.pages.path(sdkPage(sdk)))
  try {
    const counts = slopeRun ? c : { ...c, requests: c.snapshots.at(-1)!, checkpoints: 0 }
    return await heapRun(opened.page, opened.cdp, counts, c.snapshots)
  } finally {
    await opened.close()
  }
}

async function measureSdk(context: BenchContext, sdk: SdkDefinition, slopeRun: boolean): Promise<Row[]> {
  const c = context.quick ? QUICK : FULL
  const run = await runOnFreshPage(context, sdk, c, slopeRun)
  const runs = [run]
  if (slopeRun) for (let i = 0; i < c.moreDiffRuns; i++) runs.push(await runOnFreshPage(context, sdk, c, false))
  return [...(slopeRun ? [slopeRow(sdk, run, c)] : []), diffRow(sdk, runs, c.snapshots)]
}

/**
 * Retained JS heap after many intercepted requests: the heap after a full GC, read at checkpoints while the page
 * makes up to 100 000 fetches, for perfscope and for native fetch; and for every SDK, a heap-snapshot diff between
 * two late checkpoints that says which classes of objects the growth is made of.
 */
export const retainedHeap: Measurement = {
  id: 'heap',
  title: 'Retained heap after 100 000 requests',
  description:
    'On a fresh page, after a warm-up, the page fetches `/json` 50 at a time; at each of 20 checkpoints CDP forces a ' +
    'full garbage collection (`HeapProfiler.collectGarbage`, twice) and reads `Runtime.getHeapUsage`. The figure is ' +
    'the heap still held at the end minus after the warm-up; the spread is the range of that growth over the ' +
    'checkpoints; the note gives the least-squares slope in bytes per 1 000 requests. A run stops early at a time cap ' +
    'on a slow machine and then says how many requests it made. Native fetch is the baseline for what the browser ' +
    'itself keeps; these two run 100 000 requests. Then, for every SDK (perfscope and native on the same run and ' +
    'two more runs of their own, the others on one run of their own), a heap snapshot ' +
    '(`HeapProfiler.takeHeapSnapshot` after a forced GC) is taken after 12 000 and after 20 000 requests and the ' +
    'two are compared class by class (a constructor’s name, or `(string)`, `(closure)`, `(array)`, ' +
    '`(compiled code)`, `(system)` as DevTools groups them): the figure is the median over the runs of the growth ' +
    'of the snapshot’s total self size in KiB, without the records DevTools keeps per request for the bench’s ' +
    'own CDP session (`blink::NetworkResourcesData`, said in the note); for the median run, the note also gives ' +
    'it without V8’s compiled code (which grows as functions get hot), names the functions holding the most new ' +
    'compiled code and the classes that grew most (count and bytes), and the table under the results lists them ' +
    'with the objects that are new since the first snapshot.',
  async run(context) {
    const rows: Row[] = []
    for (const sdk of ALL_SDKS) {
      const slopeRun = sdk.id === NATIVE.id || sdk.id === PERFSCOPE.id
      context.log(`heap: ${sdk.id}${slopeRun ? '' : ' (snapshots only)'}`)
      try {
        rows.push(...(await measureSdk(context, sdk, slopeRun)))
      } catch (error) {
        if (slopeRun) rows.push(unavailable(MEASUREMENT, sdk.label, UNIT, reasonOf(error)))
        rows.push(unavailable('retained heap, snapshot diff', sdk.label, UNIT, reasonOf(error)))
      }
    }
    // The slope rows first, as before; then one snapshot row per SDK.
    return [...rows.filter((r) => r.measurement === MEASUREMENT), ...rows.filter((r) => r.measurement !== MEASUREMENT)]
  },
}
