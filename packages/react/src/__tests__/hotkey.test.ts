import { describe, expect, it } from 'vitest'
import { matchesHotkey, parseHotkey } from '../overlay/hotkey.ts'

const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init)

describe('parseHotkey() and matchesHotkey()', () => {
  it('matches Alt+Shift+P by key code, as macOS turns the key itself into another character', () => {
    const hotkey = parseHotkey('Alt+Shift+P')!
    expect(matchesHotkey(key({ altKey: true, shiftKey: true, code: 'KeyP', key: '∏' }), hotkey)).toBe(true)
    expect(matchesHotkey(key({ altKey: true, code: 'KeyP', key: 'p' }), hotkey)).toBe(false)
    expect(matchesHotkey(key({ altKey: true, shiftKey: true, ctrlKey: true, code: 'KeyP' }), hotkey)).toBe(false)
  })

  it('reads modifiers in any order and case, and named keys by their key', () => {
    expect(parseHotkey('shift + CTRL + f2')).toEqual({ alt: false, shift: true, ctrl: true, meta: false, key: 'f2' })
    expect(
      matchesHotkey(key({ shiftKey: true, ctrlKey: true, key: 'F2', code: 'F2' }), parseHotkey('Ctrl+Shift+F2')!),
    ).toBe(true)
    expect(parseHotkey('Alt+Shift')).toBeNull()
  })
})
