import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { CDPSession } from 'playwright-core'
import { minifySync } from 'vite'
import { createBenchBrowser, type OpenedPage } from './src/lib/browser.ts'
import { gzipSize } from './src/lib/gzip.ts'
import { createPageBuilds, sdkPage, wrapperPage } from './src/lib/pages.ts'
import { APP_JSON, startBenchServer } from './src/lib/server.ts'
import { viteBuild } from './src/lib/viteBuild.ts'
import { sourceMapLookup, type OriginalPosition } from './src/profile/sourceMap.ts'
import { selfTimes, type CpuProfile, type SelfTime } from './src/profile/selfTime.ts'
import { PERFSCOPE } from './src/sdks/registry.ts'

/**
 * `npm run bench:profile`: where perfscope spends its main-thread time and its eager bytes, for whoever optimises
 * it. CPU profiles (CDP `Profiler`, unminified pages so names and modules stay readable) of start-up, of the
 * wrapper-only loop and of 20 req/s polling behind the server half, each as the top functions by self time with
 * their source file; then the eager bundle of `createMonitor().start()` module by module. Markdown on stdout.
 */
const TOP = 30
const SAMPLING_US = 50
const INIT_PAGES = 5
const SETTLE_MS = 1500

const benchDir = fileURLToPath(new URL('.', import.meta.url))
const repoDir = fileURLToPath(new URL('..', import.meta.url))

async function startProfiling(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US })
  await cdp.send('Profiler.start')
}

async function stopProfiling(cdp: CDPSession): Promise<CpuProfile> {
  const { profile } = await cdp.send('Profiler.stop')
  return profile
}

async function main(): Promise<void> {
  const buildDir = `${benchDir}.build-profile`
  await rm(buildDir, { recursive: true, force: true })
  await mkdir(`${buildDir}/www`, { recursive: true })
  const log = (message: string) => process.stderr.write(`[profile] ${message}\n`)
  const server = await startBenchServer(`${buildDir}/www`)
  const browser = createBenchBrowser(server.origin)
  const pages = createPageBuilds(`${buildDir}/www`, log, { minify: false, sourcemap: true })
  const maps = new Map<string, (line: number, column: number) => OriginalPosition | null>()
  const locate = (url: string, line: number, column: number) => {
    const path = new URL(url).pathname
    return maps.get(path)?.(line, column) ?? null
  }
  // Every script of the page, its lazy chunks included, by the path the browser fetched it from.
  const remember = async (pageName: string) => {
    const dir = `/www/${pageName}`
    for (const file of await readdir(`${buildDir}${dir}`, { recursive: true })) {
      if (!file.endsWith('.js.map')) continue
      const map = JSON.parse(await readFile(`${buildDir}${dir}/${file}`, 'utf8'))
      // Map sources are relative to the map's folder; name them from the repository root.
      const base = new URL(`file://${buildDir}${dir}/${file}`)
      const sources = map.sources.map((s: string) => fileURLToPath(new URL(s, base)).replace(repoDir, ''))
      maps.set(`${dir}/${file.slice(0, -'.map'.length)}`, sourceMapLookup({ ...map, sources, sourceRoot: '' }))
    }
  }
  const out: string[] = [
    `# perfscope CPU profiles and eager bytes\n`,
    `Sampling every ${SAMPLING_US} µs; pages unminified.\n`,
  ]
  const section = (title: string, profiles: CpuProfile[], note: string) => {
    out.push(`## ${title}\n`, `${note}\n`, table(merge(profiles.map((p) => selfTimes(p, locate)))))
  }
  try {
    log('init')
    const init: CpuProfile[] = []
    const initPage = sdkPage(PERFSCOPE)
    const initPath = await pages.path(initPage)
    await remember(initPage.name)
    for (let i = 0; i < INIT_PAGES; i++) {
      const opened = await browser.open(initPath, { beforeNavigate: startProfiling })
      await opened.page.waitForTimeout(SETTLE_MS)
      init.push(await stopProfiling(opened.cdp))
      await opened.close()
    }
    section(
      'Start-up: page load until 1.5 s after ready',
      init,
      `${INIT_PAGES} page loads summed; the profiler starts before navigation, so parsing and compiling are in.`,
    )

    log('wrapper')
    const wrapper = wrapperPage(PERFSCOPE)
    const wrapperPath = await pages.path(wrapper)
    await remember(wrapper.name)
    await profiled(await browser.open(wrapperPath), async (opened) => {
      await opened.page.evaluate(() => window.bench.calls('/json', 500, 1))
      await startProfiling(opened.cdp)
      const loops = await opened.page.evaluate(() => window.bench.calls('/json', 2000, 5))
      const profile = await stopProfiling(opened.cdp)
      const perCall = (loops.reduce((a, b) => a + b, 0) / loops.length) * 1000
      section(
        'Wrapper only: 10 000 calls of a fake fetch that resolves at once',
        [profile],
        `Mean ${perCall.toFixed(1)} µs per call while profiled (the profiler itself adds to it).`,
      )
    })

    log('polling')
    await profiled(await browser.open(initPath), async (opened) => {
      // As the main-thread measurement does: one request before settling, so the transport's start (its first
      // announcement loads the encoder) is start-up, and the profile shows polling in its steady state.
      await opened.page.evaluate((url) => window.bench.sequential(url, 1), APP_JSON)
      await opened.page.waitForTimeout(SETTLE_MS)
      const before = server.batchesAccepted()
      await startProfiling(opened.cdp)
      const sent = await opened.page.evaluate((url) => window.bench.poll(url, 20, 5000), APP_JSON)
      const profile = await stopProfiling(opened.cdp)
      section(
        `Polling: 20 req/s for 5 s to ${APP_JSON} behind @perfscope/server`,
        [profile],
        `${sent} requests; the server half accepted ${server.batchesAccepted() - before} piggybacked batches meanwhile.`,
      )
    })

    log('bundle')
    out.push(await eagerModules())
  } finally {
    await browser.close()
    await server.close()
  }
  process.stdout.write(out.join('\n'))
}

async function profiled(opened: OpenedPage, body: (opened: OpenedPage) => Promise<void>): Promise<void> {
  try {
    await body(opened)
  } finally {
    await opened.close()
  }
}

/** Adds up the same function's rows across profiles. */
function merge(lists: SelfTime[][]): SelfTime[] {
  const rows = new Map<string, SelfTime>()
  for (const row of lists.flat()) {
    const key = `${row.functionName}\u0000${row.file}\u0000${row.line}`
    const seen = rows.get(key)
    if (seen) seen.selfMs += row.selfMs
    else rows.set(key, { ...row })
  }
  return [...rows.values()].sort((a, b) => b.selfMs - a.selfMs)
}

const shortFile = (file: string) =>
  file
    .replace(/^https?:\/\/[^/]+/, '')
    .replace(/^(\.\.\/)+/, '')
    .replace(/^node_modules\//, 'npm:')

function table(rows: SelfTime[]): string {
  const total = rows.reduce((sum, r) => sum + r.selfMs, 0)
  const busy = rows.filter((r) => r.functionName !== '(idle)')
  const busyMs = busy.reduce((sum, r) => sum + r.selfMs, 0)
  const ours = busy.filter((r) => r.file.includes('packages/'))
  const byFile = new Map<string, number>()
  for (const r of busy)
    byFile.set(shortFile(r.file) || '(engine)', (byFile.get(shortFile(r.file) || '(engine)') ?? 0) + r.selfMs)
  const lines = [
    `Sampled ${total.toFixed(1)} ms, of which busy (not idle) ${busyMs.toFixed(1)} ms; in packages/*: ` +
      `${ours.reduce((s, r) => s + r.selfMs, 0).toFixed(1)} ms.\n`,
    `| # | function | source file:line | self ms | % of busy |`,
    `| --- | --- | --- | --- | --- |`,
    ...busy
      .slice(0, TOP)
      .map(
        (r, i) =>
          `| ${i + 1} | \`${r.functionName}\` | ${shortFile(r.file) || '(engine)'}${r.line ? `:${r.line}` : ''} | ` +
          `${r.selfMs.toFixed(2)} | ${((100 * r.selfMs) / busyMs).toFixed(1)} % |`,
      ),
    '',
    `By file (self time, top ${TOP}):\n`,
    `| file | self ms | % of busy |`,
    `| --- | --- | --- |`,
    ...[...byFile]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([file, ms]) => `| ${file} | ${ms.toFixed(2)} | ${((100 * ms) / busyMs).toFixed(1)} % |`),
    '',
  ]
  return lines.join('\n')
}

/** The eager bundle of `createMonitor().start()`, per source module: minified alone and gzipped alone. */
async function eagerModules(): Promise<string> {
  const files = await viteBuild({
    entry: fileURLToPath(new URL('./src/pages/sizeEntry.ts', import.meta.url)),
    aliases: { 'bench:sdk': PERFSCOPE.module },
  })
  const eager = files.filter((f) => f.eager)
  const total = eager.reduce((sum, f) => sum + gzipSize(f.source), 0)
  const modules = eager
    .flatMap((f) => f.modules)
    .filter((m) => m.code.trim() !== '')
    .map((m) => {
      // No compression: alone, a module's top-level functions look unused and would be dropped.
      const min = minifySync(m.id, m.code, { compress: false, mangle: true }).code
      return {
        file: m.id.replace(repoDir, ''),
        min: Buffer.byteLength(min),
        gzip: gzipSize(new TextEncoder().encode(min)),
      }
    })
    .sort((a, b) => b.min - a.min)
  const minTotal = modules.reduce((sum, m) => sum + m.min, 0)
  const folders = new Map<string, { min: number; gzip: number }>()
  for (const m of modules) {
    const file = shortFile(m.file)
    const folder = /^packages\/core\/src\/[^/]+\//.exec(file)?.[0] ?? file
    const sum = folders.get(folder) ?? { min: 0, gzip: 0 }
    sum.min += m.min
    sum.gzip += m.gzip
    folders.set(folder, sum)
  }
  return [
    `## Eager bundle of createMonitor().start(), per folder and per module\n`,
    `Whole eager set: ${total} B min+gzip in ${eager.length} file(s). Each module's code as bundled (tree-shaken), ` +
      `minified alone (whitespace and names, no dead-code removal) and gzipped alone (alone, gzip finds less to ` +
      `share, so the gzip column sums to more than the whole).\n`,
    `| folder (core) or module | min B | % of min | gzip alone B |`,
    `| --- | --- | --- | --- |`,
    ...[...folders]
      .sort((a, b) => b[1].min - a[1].min)
      .map(([f, s]) => `| ${f} | ${s.min} | ${((100 * s.min) / minTotal).toFixed(1)} % | ${s.gzip} |`),
    '',
    `| module | min B | % of min | gzip alone B |`,
    `| --- | --- | --- | --- |`,
    ...modules.map(
      (m) => `| ${shortFile(m.file)} | ${m.min} | ${((100 * m.min) / minTotal).toFixed(1)} % | ${m.gzip} |`,
    ),
    '',
  ].join('\n')
}

main().catch((error: unknown) => {
  process.stderr.write(`profile failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
