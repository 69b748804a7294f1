import { chromium, type Browser } from 'playwright-core'
import { CHROMIUM_ARGS, findChromium } from '../../../test-support/chromium.ts'

/** Launches the machine's Chromium (never downloads one); the caller closes it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true })
}
