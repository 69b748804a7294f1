import { fileURLToPath } from 'node:url'
import { NotAvailable, reasonOf, unavailable, type Measurement, type Row } from '../measurement.ts'
import { gzipSize } from '../lib/gzip.ts'
import { viteBuild, type BuiltFile } from '../lib/viteBuild.ts'
import { PERFSCOPE, RIVALS } from '../sdks/registry.ts'

const page = (file: string) => fileURLToPath(new URL(`../pages/${file}`, import.meta.url))

/** React is the app's own; the overlay's cost is what it adds on top. */
const REACT = ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'scheduler']

const MEASUREMENT = 'bundle: eager JS, min+gzip'
const LAZY = 'bundle: lazy panel chunk, min+gzip'
const PANEL = 'perfscope overlay panel'
const UNIT = 'KiB'

interface Size {
  min: number
  gzip: number
}

interface BundleSizes {
  eager: Size
  lazy: Size
  lazyFiles: number
}

function sizeOf(files: BuiltFile[]): BundleSizes {
  const sum = (list: BuiltFile[]): Size => ({
    min: list.reduce((total, f) => total + f.source.byteLength, 0),
    gzip: list.reduce((total, f) => total + gzipSize(f.source), 0),
  })
  const lazy = files.filter((f) => !f.eager)
  return { eager: sum(files.filter((f) => f.eager)), lazy: sum(lazy), lazyFiles: lazy.length }
}

async function buildSizes(entry: string, aliases: Record<string, string>): Promise<BundleSizes> {
  try {
    return sizeOf(await viteBuild({ entry, aliases, external: REACT }))
  } catch (error) {
    throw new NotAvailable(`does not build: ${reasonOf(error)}`)
  }
}

const kib = (bytes: number) => bytes / 1024

/** A deterministic size: one build, no spread to speak of. */
function sizeRow(measurement: string, sdk: string, bytes: Size, baseline: Size | null, note: string): Row {
  return {
    measurement,
    sdk,
    value: kib(bytes.gzip),
    unit: UNIT,
    runs: 1,
    runsDetail: '1 build (deterministic)',
    spread: { kind: 'min–max', low: kib(bytes.gzip), high: kib(bytes.gzip) },
    ratio: baseline && baseline.gzip > 0 ? bytes.gzip / baseline.gzip : null,
    ratioTo: baseline ? 'perfscope core' : null,
    note: `${bytes.gzip} B gzip, ${bytes.min} B minified${note ? `; ${note}` : ''}`,
    unavailable: null,
  }
}

/**
 * Bundle cost of what an app loads eagerly, min+gzip: each SDK's minimal set-up built alone by Vite (Rolldown,
 * minified, tree-shaken, production mode), every eager file gzipped at level 9 and summed. React is external.
 */
export const bundleSize: Measurement = {
  id: 'bundle',
  title: 'Bundle cost (min+gzip)',
  description:
    'Each SDK set up minimally (the `install()` in `bench/src/sdks/`) in an entry of its own, built by Vite for ' +
    'production (minified, tree-shaken); the entry chunk and its static imports are gzipped (level 9) one by one ' +
    'and summed. For `<PerfOverlay/>` the figure is what it adds to the core entry before it is opened, and the ' +
    'lazy panel chunk is what opening it downloads. React is not counted (the app has it). Ratios are to perfscope core.',
  async run({ log }) {
    const rows: Row[] = []
    log('bundle: building perfscope core')
    let core: BundleSizes | null = null
    try {
      core = await buildSizes(page('sizeEntry.ts'), { 'bench:sdk': PERFSCOPE.module })
      rows.push(sizeRow(MEASUREMENT, 'perfscope core', core.eager, core.eager, PERFSCOPE.setup))
    } catch (error) {
      rows.push(unavailable(MEASUREMENT, 'perfscope core', UNIT, reasonOf(error)))
    }

    const overlayVariants = [
      { label: 'perfscope <PerfOverlay/> (./production), added before open', specifier: '@perfscope/react/production' },
      { label: 'perfscope <PerfOverlay/> (default entry, production build), added', specifier: '@perfscope/react' },
    ]
    for (const variant of overlayVariants) {
      log(`bundle: building ${variant.specifier}`)
      try {
        if (!core) throw new NotAvailable('needs the perfscope core figure to subtract')
        const overlay = await buildSizes(page('overlaySizeEntry.ts'), {
          'bench:sdk': PERFSCOPE.module,
          'bench:overlay': variant.specifier,
        })
        const added = { min: overlay.eager.min - core.eager.min, gzip: overlay.eager.gzip - core.eager.gzip }
        const note = `eager core + overlay ${overlay.eager.gzip} B gzip`
        rows.push(sizeRow(MEASUREMENT, variant.label, added, core.eager, note))
        if (variant.specifier.endsWith('/production')) {
          rows.push(
            overlay.lazyFiles === 0
              ? unavailable(LAZY, PANEL, UNIT, 'the build has no lazily loaded chunk')
              : sizeRow(LAZY, PANEL, overlay.lazy, core.eager, `${overlay.lazyFiles} file(s), loaded on open`),
          )
        }
      } catch (error) {
        rows.push(unavailable(MEASUREMENT, variant.label, UNIT, reasonOf(error)))
        if (variant.specifier.endsWith('/production')) {
          rows.push(unavailable(LAZY, PANEL, UNIT, reasonOf(error)))
        }
      }
    }

    for (const sdk of RIVALS) {
      log(`bundle: building ${sdk.id}`)
      try {
        const sizes = await buildSizes(page('sizeEntry.ts'), { 'bench:sdk': sdk.module })
        rows.push(sizeRow(MEASUREMENT, sdk.label, sizes.eager, core?.eager ?? null, sdk.setup))
      } catch (error) {
        rows.push(unavailable(MEASUREMENT, sdk.label, UNIT, reasonOf(error)))
      }
    }
    return rows
  },
}
