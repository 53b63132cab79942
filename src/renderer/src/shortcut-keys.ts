/**
 * The dial shortcut, recorded from the keys pressed (issue 15, finding 15) instead
 * of typed as `CommandOrControl+Shift+D`. Main checks the accelerator again
 * (`hasModifierAndKey`); this refuses earlier, with a reason in words, and asks
 * for Ctrl, Alt or Cmd: with Shift alone the shortcut would take capital letters
 * from every other program on the desktop.
 */
export interface KeyPress {
  key: string
  code: string
  ctrlKey: boolean
  altKey: boolean
  shiftKey: boolean
  metaKey: boolean
}

export type Recorded =
  | { ok: true; accelerator: string }
  | { ok: false; reason: 'waiting' | 'needsModifier' | 'unsupportedKey' }

const MODIFIER_KEYS = new Set(['Control', 'Alt', 'AltGraph', 'Shift', 'Meta', 'OS', 'Super'])

/** The key's name in Electron's accelerator words, from its place on the keyboard. */
function keyName(code: string): string | undefined {
  const letter = /^Key([A-Z])$/.exec(code)
  if (letter) return letter[1]
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(code)
  if (digit) return digit[1]
  const f = /^F([1-9]|1[0-9]|2[0-4])$/.exec(code)
  if (f) return `F${f[1]}`
  return code === 'Space' ? 'Space' : undefined
}

export function acceleratorOf(press: KeyPress, mac: boolean): Recorded {
  if (MODIFIER_KEYS.has(press.key)) return { ok: false, reason: 'waiting' }
  const parts: string[] = []
  const command = mac ? press.metaKey : press.ctrlKey
  if (command) parts.push('CommandOrControl')
  if (mac && press.ctrlKey) parts.push('Control')
  if (!mac && press.metaKey) parts.push('Super')
  if (press.altKey) parts.push('Alt')
  if (parts.length === 0) return { ok: false, reason: 'needsModifier' }
  if (press.shiftKey) parts.push('Shift')
  const key = keyName(press.code)
  if (!key) return { ok: false, reason: 'unsupportedKey' }
  return { ok: true, accelerator: [...parts, key].join('+') }
}

/** An accelerator as the agent's keyboard names it: `Ctrl+Shift+D`, `Cmd+Shift+D`. */
export function describeAccelerator(accelerator: string, mac: boolean): string {
  const words: Record<string, string> = {
    commandorcontrol: mac ? 'Cmd' : 'Ctrl',
    cmdorctrl: mac ? 'Cmd' : 'Ctrl',
    command: 'Cmd',
    cmd: 'Cmd',
    control: 'Ctrl',
    ctrl: 'Ctrl',
    alt: mac ? 'Option' : 'Alt',
    option: 'Option',
    shift: 'Shift',
    super: mac ? 'Cmd' : 'Super',
    meta: mac ? 'Cmd' : 'Super',
  }
  return accelerator
    .split('+')
    .filter(Boolean)
    .map((part) => words[part.toLowerCase()] ?? part.toUpperCase())
    .join('+')
}
