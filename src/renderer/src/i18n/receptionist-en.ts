/** Settings that speak to a receptionist (issue 15, finding 15). */
export default {
  advanced: 'Advanced',
  callsActiveSeconds: 'Check calls during a call every (seconds)',
  callsIdleSeconds: 'Check calls otherwise every (seconds)',
  crmExample: 'For example: {example}',
  shortcutChange: 'Record a new shortcut',
  shortcutPress: 'Press the keys now (Esc keeps the old one)',
  shortcutNeedsModifier:
    'Hold {command}, Alt or both with the key: without one, the shortcut would take that key from every other program.',
  shortcutKey: 'Use a letter, a digit, Space or an F key.',
}
