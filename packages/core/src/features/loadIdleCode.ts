let loading: Promise<typeof import('./idleCode.ts')> | null = null

/**
 * The idle-time chunk (`idleCode.ts`), imported once for every feature that loads from it: about fifteen sources
 * start from it at the first idle moment, and each `import()` of a bundled chunk runs the bundler's preload helper
 * and a module lookup of its own. A chunk that could not load is asked for again by the next call.
 */
export const loadIdleCode = () =>
  (loading ??= import('./idleCode.ts').catch((error: unknown) => {
    loading = null
    throw error
  }))
