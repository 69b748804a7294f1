import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const INSTANCE = fileURLToPath(new URL('./otlpInstance.ts', import.meta.url))

/**
 * Starts `otlpInstance.ts` in a plain Node process. The OpenTelemetry packages are loaded there as in production:
 * the test runner's workers resolve packages with bundler conditions (`module`) under which their CommonJS entry
 * points load ESM builds that Node cannot run.
 */
export async function startOtlpInstance(env: { OTLP_URL: string; OTLP_INSTANCE: string; OTLP_MAX_ENDPOINTS?: string }) {
  const child = spawn(process.execPath, ['--conditions=@perfscope/source', '--import', 'tsx', INSTANCE], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance not ready after 20 s: ${stderr}`)), 20_000)
    let out = ''
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /READY (\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`instance exited with ${code}: ${stderr}`))
    })
  })
  return {
    url,
    flush: async () => {
      const response = await fetch(`${url}/__flush`, { method: 'POST' })
      if (response.status !== 204) throw new Error(`flush failed: ${response.status} ${await response.text()}`)
    },
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
      if (child.exitCode === null) child.kill('SIGKILL')
    },
  }
}
