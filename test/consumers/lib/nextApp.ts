import { join } from 'node:path'
import { bundleMentions } from './bundleMentions.ts'
import { runStep } from './runStep.ts'
import { startAppServer, type AppServer } from './startAppServer.ts'

const NEXT = 'node_modules/next/dist/bin/next'

/** Runs `next build` in `app` and returns the files of its production client bundle that mention perfscope. */
export async function nextBuildMentions(app: string): Promise<string[]> {
  await runStep('next build', process.execPath, [NEXT, 'build'], { cwd: app, timeoutMs: 420_000 })
  return bundleMentions(join(app, '.next/static'), /perfscope|Performance overlay|X-Perfscope/i)
}

/** Starts `next start` or `next dev` in `app` on a free port of 127.0.0.1, with `env` added to its environment. */
export function startNext(
  app: string,
  command: 'start' | 'dev',
  env: Record<string, string>,
  timeoutMs?: number,
): Promise<AppServer> {
  return startAppServer(`next ${command}`, app, NEXT, [command, '-H', '127.0.0.1', '-p', '{port}'], { env, timeoutMs })
}
