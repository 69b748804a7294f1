import { spawn } from 'node:child_process'

/** How much of a failed command's output a failure message quotes (its tail). */
const OUTPUT_TAIL_CHARS = 6_000

/**
 * The environment for commands run in a consumer app: the caller's, without what `npm test` and Vitest add.
 * `npm_*` variables would point npm at the monorepo (its prefix and workspaces), `NODE_ENV=test` would make
 * `vite build` and `next build` produce development bundles, and the repo's `node_modules/.bin` on `PATH`
 * would run our tools instead of the app's own.
 */
export function consumerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || /^VITEST/.test(key) || key === 'NODE_ENV' || key === 'INIT_CWD' || key === 'TEST')
      continue
    env[key] = value
  }
  env.PATH = (process.env.PATH ?? '')
    .split(':')
    .filter((dir) => !dir.includes('/node_modules/.bin'))
    .join(':')
  return {
    ...env,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    NEXT_TELEMETRY_DISABLED: '1',
    ...extra,
  }
}

/** Options of {@link runStep}. */
export interface StepOptions {
  cwd: string
  /** The step is killed (with its children) after this long. */
  timeoutMs: number
  env?: Record<string, string>
}

/**
 * Runs one step of a consumer-app test (`npm install`, `next build`…) and returns its output. A failure names
 * the step, the command, the folder and the exit code or timeout, and quotes the end of the output, so a red
 * test says what broke without a rerun.
 */
export function runStep(label: string, command: string, args: string[], options: StepOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: consumerEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout ends npm's and Next's children too.
      detached: true,
    })
    let output = ''
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4 * OUTPUT_TAIL_CHARS)
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      killGroup(child.pid)
    }, options.timeoutMs)
    const fail = (why: string) =>
      new Error(
        `${label} ${why}\n  command: ${command} ${args.join(' ')}\n  in: ${options.cwd}\n` +
          `--- last output ---\n${output.slice(-OUTPUT_TAIL_CHARS)}`,
      )
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(fail(`could not start: ${error.message}`))
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (timedOut) reject(fail(`timed out after ${Math.round(options.timeoutMs / 1000)} s`))
      else if (code === 0) resolve(output)
      else reject(fail(`failed (exit ${code ?? signal})`))
    })
  })
}

/** Ends a process group started with `detached: true`; a group that is already gone is fine. */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // Already exited.
  }
}
