import { existsSync } from 'node:fs'

/**
 * Where Chromium is looked for, in order: `CHROMIUM_PATH`, then Debian's and other common install paths.
 * Browser tests never download a browser; they use the one on the machine.
 */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
]

/** Flags that let headless Chromium run as root in a sandboxed container with no outside network. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const NO_CHROMIUM_MESSAGE =
  'No Chromium found for the browser tests: install it with `apt-get install -y chromium` (Debian) or set CHROMIUM_PATH to a Chromium/Chrome binary.'

/** The Chromium binary to drive, or throws one line that says how to get one. */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv
    throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist. ${NO_CHROMIUM_MESSAGE}`)
  }
  const found = CANDIDATES.find((path) => existsSync(path))
  if (!found) throw new Error(NO_CHROMIUM_MESSAGE)
  return found
}
