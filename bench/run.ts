import { mkdir, rm, writeFile } from 'node:fs/promises'
import { cpus, platform, release } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from './src/args.ts'
import { createBenchBrowser } from './src/lib/browser.ts'
import { createPageBuilds } from './src/lib/pages.ts'
import { startBenchServer } from './src/lib/server.ts'
import { reasonOf, unavailable, type BenchContext, type Row } from './src/measurement.ts'
import { MEASUREMENTS } from './src/measurements/all.ts'
import { toJson, toMarkdown, type RunInfo } from './src/report.ts'

/**
 * `npm run bench`: runs the measurements, prints one markdown table on stdout and writes it with its JSON twin
 * to `bench/results/latest.{md,json}` (a full run) or `bench/results/partial.{md,json}` (`--only` / `--quick`).
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  if (args.list) {
    for (const m of MEASUREMENTS) console.log(`${m.id.padEnd(12)} ${m.title}`)
    return
  }
  const selected = args.only ? MEASUREMENTS.filter((m) => args.only!.includes(m.id)) : MEASUREMENTS
  const unknown = (args.only ?? []).filter((id) => !MEASUREMENTS.some((m) => m.id === id))
  if (unknown.length > 0) throw new Error(`unknown measurement ${unknown.join(', ')} (see --list)`)

  const benchDir = fileURLToPath(new URL('.', import.meta.url))
  const buildDir = `${benchDir}.build`
  const resultsDir = `${benchDir}results`
  await rm(buildDir, { recursive: true, force: true })
  await mkdir(`${buildDir}/www`, { recursive: true })

  const started = Date.now()
  const log = (message: string) => {
    process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${message}\n`)
  }
  const server = await startBenchServer(`${buildDir}/www`)
  const browser = createBenchBrowser(server.origin)
  const context: BenchContext = {
    quick: args.quick,
    server,
    browser,
    pages: createPageBuilds(`${buildDir}/www`, log),
    log,
  }
  const rows: Row[] = []
  try {
    for (const measurement of selected) {
      log(`${measurement.id}: ${measurement.title}`)
      const t0 = Date.now()
      try {
        rows.push(...(await measurement.run(context)))
      } catch (error) {
        rows.push(unavailable(measurement.title, '—', '', reasonOf(error)))
      }
      log(`${measurement.id}: done in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
    }
  } finally {
    await browser.close()
    await server.close()
  }

  const info: RunInfo = {
    startedAt: new Date(started).toISOString(),
    durationS: (Date.now() - started) / 1000,
    quick: args.quick,
    only: args.only,
    node: process.version,
    chromium: browser.version(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
    platform: `${platform()} ${release()}`,
  }
  const markdown = toMarkdown(rows, info, selected)
  process.stdout.write(markdown)
  const base = args.only || args.quick ? 'partial' : 'latest'
  await mkdir(resultsDir, { recursive: true })
  await writeFile(`${resultsDir}/${base}.md`, markdown)
  await writeFile(`${resultsDir}/${base}.json`, toJson(rows, info, selected))
  log(`wrote bench/results/${base}.md and ${base}.json`)
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
