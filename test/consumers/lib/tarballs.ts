import { inject } from 'vitest'
import { runStep } from './runStep.ts'

/** The `npm pack` tarballs of the three packages, made once per run by the consumers project's global setup. */
export interface PackedPackages {
  /** Package name → absolute path of its tarball. */
  tarballs: Record<string, string>
  /** Package name → the paths inside its tarball. */
  files: Record<string, string[]>
}

declare module 'vitest' {
  export interface ProvidedContext {
    perfscopePack: PackedPackages
  }
}

/** The tarball paths for `npm install`, in place of the registry names `@perfscope/*` of an install line. */
export function tarballsFor(packages: string[]): string[] {
  const { tarballs } = inject('perfscopePack')
  return packages.map((name) => {
    const tarball = tarballs[name]
    if (!name.startsWith('@perfscope/')) return name
    if (!tarball) throw new Error(`no packed tarball for ${name} (packed: ${Object.keys(tarballs).join(', ')})`)
    return tarball
  })
}

/**
 * `npm install` in `app` of the packages an install line of the docs names (perfscope's from the packed tarballs),
 * with `extra` packages the test app needs beside them.
 */
export async function installAsDocsSay(
  label: string,
  app: string,
  packages: string[],
  timeoutMs: number,
  extra: string[] = [],
): Promise<void> {
  await runStep(label, 'npm', ['install', '--no-audit', '--no-fund', ...tarballsFor(packages), ...extra], {
    cwd: app,
    timeoutMs,
  })
}
