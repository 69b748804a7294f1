import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { consumerEnv, killGroup } from './runStep.ts'

/** A server process of a consumer app (`vite`, `next start`) listening on 127.0.0.1. */
export interface AppServer {
  url: string
  /** What the server printed so far (its tail), for failure messages. */
  output: () => string
  stop: () => Promise<void>
}

/** A free TCP port on 127.0.0.1, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/**
 * Starts `node <script> ...args` in the app folder (args may contain `{port}`; `env` adds variables) and resolves once
 * `GET <url><readyPath>` answers, or rejects with the server's output when it exits or does not answer in time.
 */
export async function startAppServer(
  label: string,
  cwd: string,
  script: string,
  args: string[],
  {
    readyPath = '/',
    timeoutMs = 60_000,
    env = {},
  }: { readyPath?: string; timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<AppServer> {
  const port = await freePort()
  const child = spawn(process.execPath, [script, ...args.map((a) => a.replace('{port}', String(port)))], {
    cwd,
    env: consumerEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  let exited: string | undefined
  child.on('exit', (code, signal) => {
    exited = `exited (${code ?? signal})`
  })
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (exited) return
    const gone = new Promise((resolve) => child.once('exit', resolve))
    killGroup(child.pid)
    await gone
  }
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (exited) throw new Error(`${label} ${exited} before it answered\n--- its output ---\n${output}`)
    try {
      const response = await fetch(url + readyPath, { signal: AbortSignal.timeout(5_000) })
      await response.arrayBuffer()
      if (response.status < 500) return { url, output: () => output, stop }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(
        `${label} did not answer ${url}${readyPath} within ${timeoutMs / 1000} s\n--- its output ---\n${output}`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
