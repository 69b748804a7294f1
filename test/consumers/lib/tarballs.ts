import { inject } from 'vitest'

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
