import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { NotAvailable, reasonOf } from '../measurement.ts'
import type { SdkDefinition } from '../sdks/registry.ts'
import type { PluginOption } from 'vite'
import { viteBuild } from './viteBuild.ts'

const pagesDir = fileURLToPath(new URL('../pages/', import.meta.url))

/** A bench page: an entry module plus the `bench:*` aliases that pick what it loads. */
export interface PageDefinition {
  name: string
  entry: string
  aliases: Record<string, string>
  /** Build plugins of the SDK on the page (see {@link SdkDefinition.plugins}). */
  plugins?: readonly PluginOption[]
}

/** Builds bench pages on first use into the directory the bench server serves. */
export interface PageBuilds {
  /** The page's path on the bench server (`/page/<name>`); throws {@link NotAvailable} when it does not build. */
  path(page: PageDefinition): Promise<string>
}

/** The page that measures an SDK at run time: the SDK installed by its `install(origin)`, plus the harness. */
export function sdkPage(sdk: SdkDefinition): PageDefinition {
  return pageWithSdk('sdk', 'sdkPage.ts', sdk)
}

/** The wrapper-only page: the SDK installed over a fake `fetch` that resolves at once, plus the harness. */
export function wrapperPage(sdk: SdkDefinition): PageDefinition {
  return pageWithSdk('wrapper', 'wrapperPage.ts', sdk)
}

/** A page whose entry installs `sdk` (its `bench:sdk` alias), built with the SDK's own build plugins. */
function pageWithSdk(prefix: string, file: string, sdk: SdkDefinition): PageDefinition {
  return {
    name: `${prefix}-${sdk.id}`,
    entry: join(pagesDir, file),
    aliases: { 'bench:sdk': sdk.module },
    plugins: sdk.plugins?.(),
  }
}

/** A page of `bench/src/pages/` by file name, with the aliases it needs. */
export function namedPage(name: string, file: string, aliases: Record<string, string> = {}): PageDefinition {
  return { name, entry: join(pagesDir, file), aliases }
}

/**
 * Page builds into `wwwDir`, each page in its own build so one that fails does not take the others down;
 * `{ minify: false, sourcemap: true }` keeps names and maps positions to sources for CPU profiles.
 */
export function createPageBuilds(
  wwwDir: string,
  log: (message: string) => void,
  options: { minify?: boolean; sourcemap?: boolean } = {},
): PageBuilds {
  const builds = new Map<string, Promise<string>>()
  return {
    path(page) {
      let built = builds.get(page.name)
      if (!built) {
        log(`building page ${page.name}`)
        built = viteBuild({
          entry: page.entry,
          aliases: page.aliases,
          outDir: join(wwwDir, page.name),
          name: page.name,
          minify: options.minify,
          sourcemap: options.sourcemap,
          plugins: page.plugins,
        }).then(
          () => `/page/${page.name}`,
          (error: unknown) => {
            throw new NotAvailable(`page ${page.name} does not build: ${reasonOf(error)}`)
          },
        )
        builds.set(page.name, built)
      }
      return built
    },
  }
}
