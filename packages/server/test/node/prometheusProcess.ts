import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Where Debian's `prometheus` package puts the binaries; `PROMETHEUS_BIN` / `PROMTOOL_BIN` override. */
export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus'
export const PROMTOOL_BIN = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool'
const MISSING =
  'needs Prometheus: apt-get install -y prometheus (bash .ci/run does it), or set PROMETHEUS_BIN / PROMTOOL_BIN'

/** Throws one line saying how to get the binary when it is not there (the tests fail, they never skip). */
export function requireBinary(bin: string): void {
  const probe = spawnSync(bin, ['--version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) throw new Error(`${bin} not runnable: ${MISSING}`)
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export interface RunningPrometheus {
  /** Base URL of its HTTP API, e.g. `http://127.0.0.1:PORT`. */
  url: string
  /** Runs an instant PromQL query and returns the result vector. */
  query(expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>>
  /** Polls `expr` until `accept` holds for its result, every 250 ms, failing after `timeoutMs`. */
  waitFor(expr: string, accept: (values: number[]) => boolean, timeoutMs?: number): Promise<number[]>
  stop(): Promise<void>
}

/**
 * Starts a real Prometheus on 127.0.0.1 with its own temporary config and storage, scraping `target`
 * (`host:port`) at `metricsPath` every second and evaluating `ruleFiles` every second.
 */
export async function startPrometheus(
  target: string,
  metricsPath: string,
  ruleFiles: string[] = [],
): Promise<RunningPrometheus> {
  requireBinary(PROMETHEUS_BIN)
  const dir = mkdtempSync(join(tmpdir(), 'perfscope-prometheus-'))
  const config = [
    'global:',
    '  scrape_interval: 1s',
    '  scrape_timeout: 900ms',
    '  evaluation_interval: 1s',
    `rule_files: [${ruleFiles.map((f) => JSON.stringify(f)).join(', ')}]`,
    'scrape_configs:',
    '  - job_name: perfscope',
    `    metrics_path: ${JSON.stringify(metricsPath)}`,
    `    static_configs: [{ targets: [${JSON.stringify(target)}] }]`,
    '',
  ].join('\n')
  writeFileSync(join(dir, 'prometheus.yml'), config)
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=1h',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let log = ''
  child.stderr.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000)
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM')
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
    if (child.exitCode === null) child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
  const query: RunningPrometheus['query'] = async (expr) => {
    const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`)
    const body = (await response.json()) as {
      status: string
      error?: string
      data: { resultType: string; result: never }
    }
    if (body.status !== 'success') throw new Error(`query ${expr} failed: ${body.error}`)
    return body.data.result
  }
  const waitFor: RunningPrometheus['waitFor'] = async (expr, accept, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs
    let last: number[] = []
    while (Date.now() < deadline) {
      last = (await query(expr)).map((r) => Number(r.value[1]))
      if (accept(last)) return last
      await new Promise((r) => setTimeout(r, 250))
    }
    throw new Error(`timed out waiting on ${expr}; last result ${JSON.stringify(last)}`)
  }
  const readyBy = Date.now() + 15_000
  for (;;) {
    if (child.exitCode !== null) {
      await stop()
      throw new Error(`prometheus exited with ${child.exitCode}: ${log}`)
    }
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break
    } catch {
      // Not listening yet.
    }
    if (Date.now() > readyBy) {
      await stop()
      throw new Error(`prometheus not ready after 15 s: ${log}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return { url, query, waitFor, stop }
}
