import { fork, type ChildProcess } from 'node:child_process'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { encodeBatch, toBase64url } from '@perfscope/core/codec'
import { deflateSync } from 'fflate'
import { figure, type Measurement, type Row } from '../measurement.ts'
import { logNormal, seededRandom } from '../lib/random.ts'
import { quantile, summarize } from '../stats.ts'

const FULL = { rounds: 5, requests: 300 }
const QUICK = { rounds: 2, requests: 120 }
/** The attack: five clients sending the worst batches the wire format allows, back to back. */
const HOSTILE_CLIENTS = 5
/** The measuring client sends one clean request every this many ms (an app under light, steady traffic). */
const CLEAN_INTERVAL_MS = 10
/** The server's default header cap; Node's own header limit is raised so every hostile header reaches perfscope. */
const MAX_BATCH_BYTES = 16 * 1024

function varint(out: number[], n: number): void {
  while (n >= 128) {
    out.push((n % 128) | 128)
    n = Math.floor(n / 128)
  }
  out.push(n)
}

/** 20,000 samples of one 512-byte key with every column zero: the most samples per header byte (≈ 250 bytes). */
function zeroSampleHeader(): string {
  const head: number[] = []
  for (const n of [1, 1_700_000_000_000, 0, 1, 512]) varint(head, n)
  head.push(...new Uint8Array(512).fill(107))
  for (const n of [20_000, 1, 0, 0, 1, 0, 1]) varint(head, n)
  const payload = new Uint8Array(head.length + 80_000)
  payload.set(head)
  return toBase64url(new Uint8Array([2, ...deflateSync(payload, { level: 9 })]))
}

/** A deflate bomb as large as the header cap allows: about 15.7 KB inflating to 11.6 MiB. */
function bombHeader(): string {
  return toBase64url(new Uint8Array([2, ...deflateSync(new Uint8Array(11.6 * 1024 * 1024), { level: 9 })]))
}

/** The costliest batch the server accepts: as many distinct-valued samples as fit under the header cap. */
function largestValidHeader(): string {
  const random = seededRandom(12)
  let best = ''
  for (let n = 500; ; n += 250) {
    const samples = Array.from({ length: n }, (_, i) => ({
      key: `http.GET /api/r${i % 900}`,
      t: i * 3.1,
      v: Math.round(logNormal(random, 80, 0.8) * 10) / 10,
      tags: { status: '200' },
    }))
    const text = encodeBatch({ samples, batchId: n, timeOrigin: 1_790_000_000_000 })
    if (text.length > MAX_BATCH_BYTES) return best
    best = text
  }
}

interface AppStats {
  rss: number
  pending: number
  counters: { received: number; accepted: number; rejected: Record<string, number>; decodeMs: number }
  store: { kind: string; files?: { bytesWritten: number } }
}

async function startApp(
  dir: string,
  env: Record<string, string> = {},
): Promise<{ origin: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL('../hostile/appServer.ts', import.meta.url))
  const child = fork(script, [], {
    execArgv: ['--conditions=@perfscope/source', '--import', 'tsx', '--max-http-header-size=65536', '--expose-gc'],
    env: { ...process.env, NODE_ENV: 'development', PERFSCOPE_DIR: dir, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port))
    child.once('exit', (code) => reject(new Error(`the app server exited with ${code}`)))
  })
  return { origin: `http://127.0.0.1:${port}`, child }
}

async function stats(origin: string): Promise<AppStats> {
  return (await (await fetch(`${origin}/__stats`)).json()) as AppStats
}

/** `count` clean requests, one every {@link CLEAN_INTERVAL_MS}; returns each one's latency in ms. */
async function cleanRequests(origin: string, count: number): Promise<number[]> {
  const latencies: number[] = []
  for (let i = 0; i < count; i++) {
    const t0 = performance.now()
    const response = await fetch(`${origin}/items`)
    await response.arrayBuffer()
    latencies.push(performance.now() - t0)
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, CLEAN_INTERVAL_MS - (performance.now() - t0))))
  }
  return latencies
}

/** Hostile clients sending `headers` in turn, back to back, until `stop` is set; returns how many they sent. */
async function hostileClients(origin: string, headers: readonly string[], stop: { stopped: boolean }): Promise<number> {
  let sent = 0
  await Promise.all(
    Array.from({ length: HOSTILE_CLIENTS }, async (_, client) => {
      for (let i = client; !stop.stopped; i++) {
        // Same-origin, as a page of the app would send it: the attack is on decoding, not on the origin check.
        const response = await fetch(`${origin}/items`, {
          headers: { 'x-perfscope-batch': headers[i % headers.length]!, origin, 'sec-fetch-site': 'same-origin' },
        })
        await response.arrayBuffer()
        sent++
      }
    }),
  )
  return sent
}

async function waitForIngest(origin: string): Promise<AppStats> {
  for (let i = 0; i < 600; i++) {
    const s = await stats(origin)
    if (s.pending === 0) return s
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('the ingest did not drain within 30 s')
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0
  for (const name of await readdir(dir)) total += (await stat(join(dir, name))).size
  return total
}

export const hostileTraffic: Measurement = {
  id: 'hostile',
  title: 'Server under hostile batches: app latency, RSS and disk',
  description:
    'A node:http app with perfscopeMiddleware() and a file store runs in its own process. A client sends clean ' +
    `requests every ${CLEAN_INTERVAL_MS} ms and records their latency; in alternate rounds ${HOSTILE_CLIENTS} more ` +
    'clients send, back to back, the worst batches the wire format allows: a 250-byte header claiming 20,000 ' +
    'samples, a 15.7 KB deflate bomb (11.6 MiB inflated) and the largest batch the server accepts (16 KiB of ' +
    'distinct samples). The same attack on a reference app that refuses every batch unread shows what receiving ' +
    'the headers costs by itself. Reported: the clean p95 with and without the attack (goal: within 1.2×), the growth of ' +
    "the server's RSS over the attack, and file bytes written per hostile request (goal: a small multiple of the " +
    'header).',
  async run(context): Promise<Row[]> {
    const { rounds, requests } = context.quick ? QUICK : FULL
    const headers = [zeroSampleHeader(), bombHeader(), largestValidHeader()]
    const dir = await mkdtemp(join(tmpdir(), 'perfscope-hostile-'))
    const refusingDir = await mkdtemp(join(tmpdir(), 'perfscope-hostile-ref-'))
    const { origin, child } = await startApp(dir)
    const refusing = await startApp(refusingDir, { PERFSCOPE_MAX_BATCH_BYTES: '1' })
    try {
      await cleanRequests(origin, 50)
      await cleanRequests(refusing.origin, 50)
      const quiet: number[] = []
      const attacked: number[] = []
      const refused: number[] = []
      let hostileSent = 0
      // Clean requests write a line each too: what the quiet phases wrote per request is taken off the attack's.
      let quietBytes = 0
      let attackBytes = 0
      const rssBefore = (await stats(origin)).rss
      for (let round = 0; round < rounds; round++) {
        context.log(`hostile: round ${round + 1} of ${rounds}`)
        const b0 = await dirBytes(dir)
        quiet.push(quantile(await cleanRequests(origin, requests), 0.95))
        await waitForIngest(origin)
        const b1 = await dirBytes(dir)
        const stop = { stopped: false }
        const attack = hostileClients(origin, headers, stop)
        attacked.push(quantile(await cleanRequests(origin, requests), 0.95))
        stop.stopped = true
        hostileSent += await attack
        await waitForIngest(origin)
        quietBytes += b1 - b0
        attackBytes += (await dirBytes(dir)) - b1
        // The same attack on the reference app, which refuses every batch unread: what receiving it costs.
        const stopRefused = { stopped: false }
        const unread = hostileClients(refusing.origin, headers, stopRefused)
        refused.push(quantile(await cleanRequests(refusing.origin, requests), 0.95))
        stopRefused.stopped = true
        await unread
      }
      const after = await waitForIngest(origin)
      const written = attackBytes - quietBytes
      const quietSummary = summarize(quiet)
      const detail = `${rounds} rounds × ${requests} clean requests`
      const counters = after.counters
      const rejected = Object.entries(counters.rejected)
        .map(([reason, n]) => `${reason} ${n}`)
        .join(', ')
      return [
        figure({
          measurement: 'hostile: clean-request p95, no hostile traffic',
          sdk: 'perfscope server',
          unit: 'ms',
          summary: quietSummary,
          runsDetail: detail,
        }),
        figure({
          measurement: `hostile: clean-request p95 beside ${HOSTILE_CLIENTS} hostile clients`,
          sdk: 'perfscope server',
          unit: 'ms',
          summary: summarize(attacked),
          runsDetail: detail,
          baseline: { label: 'no hostile traffic', value: quietSummary.median },
          note:
            `goal ≤ 1.2×; ${hostileSent} hostile requests: accepted ${counters.accepted}, refused ${rejected}; ` +
            `decoding took ${counters.decodeMs.toFixed(0)} ms in all`,
        }),
        figure({
          measurement: `hostile: clean-request p95 beside ${HOSTILE_CLIENTS} hostile clients, batches refused unread`,
          sdk: 'reference app (maxBatchBytes: 1)',
          unit: 'ms',
          summary: summarize(refused),
          runsDetail: detail,
          baseline: { label: 'no hostile traffic', value: quietSummary.median },
          note: 'the same attack on an app that refuses every batch by its length: the cost of receiving the headers alone',
        }),
        figure({
          measurement: 'hostile: server RSS growth over the attack',
          sdk: 'perfscope server',
          unit: 'MiB',
          summary: summarize([(after.rss - rssBefore) / 2 ** 20]),
          runsDetail: `${hostileSent} hostile requests`,
          spread: 'min–max',
          note: `RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(after.rss / 2 ** 20).toFixed(0)} MiB`,
        }),
        figure({
          measurement: 'hostile: file bytes written per hostile request',
          sdk: 'perfscope server',
          unit: 'B',
          summary: summarize([written / Math.max(1, hostileSent)]),
          runsDetail: `${hostileSent} hostile requests`,
          spread: 'min–max',
          note: `headers of ${headers.map((h) => h.length).join(' / ')} bytes; each request's own timing line (≈ 90 B) included`,
        }),
      ]
    } finally {
      child.kill()
      refusing.child.kill()
      await rm(dir, { recursive: true, force: true })
      await rm(refusingDir, { recursive: true, force: true })
    }
  },
}
