import { describe, expect, it } from 'vitest'
import { useBrowser } from '../../../../test-support/browser'

const FIXTURE = '/packages/react/test/browser/fixtures/crossOrigin.html'

describe('the Load tab and an API on another origin', () => {
  const { newPage } = useBrowser()

  it('offers an endpoint of an origin listed in load.allowOrigins, and a run targets it', async () => {
    const page = await newPage()
    await page.goto(`${FIXTURE}?allow`)
    const port = new URL(page.url()).port
    const key = `GET http://localhost:${port}/__test/json`
    const target = page.getByRole('checkbox', { name: key })
    await target.waitFor({ timeout: 10_000 })
    expect(await target.isChecked()).toBe(true)
    await page.getByRole('combobox', { name: 'Preset' }).selectOption('smoke')
    await page.getByRole('spinbutton', { name: 'Duration (s)' }).fill('2')
    await page.getByRole('button', { name: 'Start', exact: true }).click()
    const results = page.getByRole('region', { name: 'Results' })
    await results.waitFor({ timeout: 20_000 })
    await results.getByRole('cell', { name: key }).waitFor()
    expect(page.uncaughtErrors).toEqual([])
  })

  it('leaves out an origin the app did not allow, and says so', async () => {
    const page = await newPage()
    await page.goto(FIXTURE)
    await page.getByText('1 endpoint of other origins not in load.allowOrigins').waitFor({ timeout: 10_000 })
    expect(await page.getByRole('checkbox', { name: /localhost/ }).count()).toBe(0)
    await expect.poll(() => page.getByRole('button', { name: 'Start', exact: true }).isDisabled()).toBe(true)
    expect(page.uncaughtErrors).toEqual([])
  })
})
