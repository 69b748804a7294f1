import { describe, expect, it } from 'vitest'
import type { Locator } from 'playwright-core'
import { useBrowser, type TestPage } from '../../test-support/browser'
import { usePlayground } from './startPlayground'

/** WCAG 2.x minimum contrast for text, and for focus indicators and other non-text parts. */
const TEXT_CONTRAST = 4.5
const NON_TEXT_CONTRAST = 3

interface Look {
  /** Contrast of the text against what is behind the button, composited as Chromium computed them. */
  contrast: number
  background: string
  border: string
  cursor: string
  focusVisible: boolean
  /** Contrast of the focus outline against the background behind the button (0 without an outline). */
  outlineContrast: number
}

/** Reads a button's computed colours in Chromium and works out WCAG contrast ratios from them. */
function look(button: Locator): Promise<Look> {
  return button.evaluate((el) => {
    type Rgba = [number, number, number, number]
    const probe = document.createElement('canvas').getContext('2d')!
    // The canvas normalises any CSS colour Chromium computes (rgb(), color(srgb …), color-mix results) to sRGB bytes.
    const parse = (css: string): Rgba => {
      probe.clearRect(0, 0, 1, 1)
      probe.fillStyle = '#000'
      probe.fillStyle = css
      probe.fillRect(0, 0, 1, 1)
      const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data
      return [r!, g!, b!, a! / 255]
    }
    const over = (top: Rgba, under: Rgba): Rgba => {
      const a = top[3] + under[3] * (1 - top[3])
      if (a === 0) return [0, 0, 0, 0]
      const mix = (i: number) => (top[i]! * top[3] + under[i]! * under[3] * (1 - top[3])) / a
      return [mix(0), mix(1), mix(2), a]
    }
    const parentOf = (node: Element): Element | null =>
      node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null
    const backdrop = (from: Element | null): Rgba => {
      let colour: Rgba = [255, 255, 255, 1]
      const layers: Rgba[] = []
      for (let node = from; node; node = parentOf(node)) layers.push(parse(getComputedStyle(node).backgroundColor))
      for (const layer of layers.reverse()) colour = over(layer, colour)
      return colour
    }
    const luminance = ([r, g, b]: Rgba) => {
      const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4)
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }
    const ratio = (a: Rgba, b: Rgba) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
      return (hi! + 0.05) / (lo! + 0.05)
    }
    const style = getComputedStyle(el)
    const behind = backdrop(el)
    const text = over(parse(style.color), behind)
    // A ring with its own halo (a first box-shadow without blur) is judged against the halo, else against the page.
    const halo = /^(rgba?\([^)]*\)|#\w+) 0px 0px 0px [1-9]/.exec(style.boxShadow)
    const around = halo ? over(parse(halo[1]!), backdrop(parentOf(el))) : backdrop(parentOf(el))
    const outline =
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
        ? over(parse(style.outlineColor), around)
        : null
    return {
      contrast: ratio(text, behind),
      background: behind.map(Math.round).join(','),
      border: `${style.borderStyle} ${style.borderColor}`,
      cursor: style.cursor,
      focusVisible: el.matches(':focus-visible'),
      outlineContrast: outline ? ratio(outline, around) : 0,
    }
  })
}

async function hover(page: TestPage, button: Locator): Promise<void> {
  const box = (await button.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
}

async function focusByKeyboard(page: TestPage, button: Locator): Promise<void> {
  // A key press first, so programmatic focus counts as keyboard focus (:focus-visible), as Tab would.
  await page.keyboard.press('Shift')
  await button.focus()
}

/** Default, hover and keyboard focus of an enabled button: readable text in each, a visible focus ring. */
async function expectReadableStates(page: TestPage, name: string, button: Locator): Promise<Look> {
  await page.mouse.move(0, 0)
  const rest = await look(button)
  expect(rest.contrast, `${name} at rest`).toBeGreaterThanOrEqual(TEXT_CONTRAST)
  await hover(page, button)
  const hovered = await look(button)
  expect(hovered.contrast, `${name} on hover`).toBeGreaterThanOrEqual(TEXT_CONTRAST)
  await page.mouse.move(0, 0)
  await focusByKeyboard(page, button)
  const focusedLook = await look(button)
  expect(focusedLook.focusVisible, `${name} takes keyboard focus`).toBe(true)
  expect(focusedLook.contrast, `${name} with focus`).toBeGreaterThanOrEqual(TEXT_CONTRAST)
  expect(focusedLook.outlineContrast, `${name} focus ring`).toBeGreaterThanOrEqual(NON_TEXT_CONTRAST)
  await button.blur()
  return rest
}

describe('the overlay controls in every state', () => {
  const { newPage } = useBrowser()
  const { openApp } = usePlayground(newPage)

  for (const scheme of ['light', 'dark'] as const) {
    it(`keeps every button readable at rest, on hover and with focus, and disabled ones look disabled (${scheme})`, async () => {
      const page = await openApp()
      await page.emulateMedia({ colorScheme: scheme })
      const toggle = page.getByRole('button', { name: 'Performance overlay' })
      await toggle.click()
      await page.getByRole('tab', { name: 'Load', exact: true }).click()
      const start = page.getByRole('button', { name: 'Start', exact: true })
      await expect.poll(() => start.isEnabled(), { timeout: 20_000 }).toBe(true)

      for (const tab of ['Overview', 'History'])
        await expectReadableStates(page, `tab ${tab}`, page.getByRole('tab', { name: tab, exact: true }))
      await expectReadableStates(page, 'close', page.getByRole('button', { name: 'Close performance panel' }))
      const enabled = await expectReadableStates(page, 'Start', start)

      // Disabled: Start with nothing to replay, Add with nothing typed.
      for (const box of await page.getByRole('group', { name: 'Endpoints to replay' }).getByRole('checkbox').all())
        await box.uncheck()
      await expect.poll(() => start.isDisabled()).toBe(true)
      for (const [name, button] of [
        ['Start', start],
        ['Add', page.getByRole('button', { name: 'Add', exact: true })],
      ] as const) {
        expect(await button.isDisabled()).toBe(true)
        await page.mouse.move(0, 0)
        const rest = await look(button)
        await hover(page, button)
        const hovered = await look(button)
        expect(hovered, `disabled ${name} does not react to hover`).toEqual(rest)
        expect(rest.cursor).toBe('not-allowed')
        expect(rest.border).toMatch(/^dashed/)
        expect(rest.contrast, `disabled ${name} stays legible`).toBeGreaterThanOrEqual(TEXT_CONTRAST)
      }
      expect((await look(start)).background, 'disabled Start differs from enabled Start').not.toBe(enabled.background)

      await page.getByRole('textbox', { name: 'Path or URL to replay' }).fill('/api/items')
      await expectReadableStates(page, 'Add', page.getByRole('button', { name: 'Add', exact: true }))
      await page.getByRole('button', { name: 'Add', exact: true }).click()

      // A run: Emergency stop in the panel and, on another tab, the floating one.
      await page.getByRole('combobox', { name: 'Preset' }).selectOption('smoke')
      await page.getByRole('spinbutton', { name: 'Duration (s)' }).fill('60')
      await start.click()
      const stop = page.getByRole('button', { name: 'Emergency stop', exact: true })
      await stop.waitFor()
      await expectReadableStates(page, 'Emergency stop (panel)', stop)
      await page.getByRole('tab', { name: 'Overview', exact: true }).click()
      await expectReadableStates(page, 'Emergency stop (floating)', stop)
      await stop.click()
      await stop.waitFor({ state: 'detached' })
      expect(page.uncaughtErrors).toEqual([])
    })
  }

  it('keeps Start under the pointer after a click, with Emergency stop beside it rather than in its place', async () => {
    const page = await openApp()
    await page.getByRole('button', { name: 'Performance overlay' }).click()
    await page.getByRole('tab', { name: 'Load', exact: true }).click()
    const start = page.getByRole('button', { name: 'Start', exact: true })
    await expect.poll(() => start.isEnabled(), { timeout: 20_000 }).toBe(true)
    const before = (await start.boundingBox())!
    await start.click()
    const stop = page.getByRole('button', { name: 'Emergency stop', exact: true })
    await stop.waitFor()
    const under = await page.evaluate(
      ([x, y]) => {
        const root = document.querySelector('[data-perfscope-overlay]')!.shadowRoot!
        return root.elementFromPoint(x!, y!)?.textContent ?? null
      },
      [before.x + before.width / 2, before.y + before.height / 2],
    )
    expect(under).toBe('Running…')
    const after = (await page.getByRole('button', { name: 'Running…' }).boundingBox())!
    expect([after.x, after.y]).toEqual([before.x, before.y])
    const stopBox = (await stop.boundingBox())!
    expect(stopBox.x).toBeGreaterThanOrEqual(before.x + before.width)
    await stop.click()
    expect(page.uncaughtErrors).toEqual([])
  })
})
