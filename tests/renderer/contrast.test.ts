/**
 * WCAG 2.1 AA contrast of the real stylesheets, in the light and the dark theme.
 *
 * Colours are never repeated here: the theme custom properties come from
 * styles.css (`:root`, the `prefers-color-scheme: dark` block and the forced
 * `[data-theme='dark']` block) and every foreground/background is read from the
 * rule that paints it (styles.css or a component's <style> block), so a change
 * to either a palette value or a rule is checked.
 */
import { describe, expect, it } from 'vitest'
import { presenceStates } from '../../src/shared/model'

// ---------------------------------------------------------------- CSS parsing

interface Rule {
  file: string
  selectors: string[]
  media: string | null
  decls: Map<string, string>
}

// The renderer project type-checks without Node's types (and Vitest empties CSS
// imports, even ?raw), so declare the one Node call that reads the sources.
declare const process: {
  getBuiltinModule(id: 'node:fs'): { readFileSync(path: URL, encoding: 'utf8'): string }
}

// (A variable base, so Vite does not rewrite `new URL(…, import.meta.url)` into an asset.)
const here = import.meta.url
function source(file: string): string {
  const url = new URL(`../../src/renderer/src/${file}`, here)
  return process.getBuiltinModule('node:fs').readFileSync(url, 'utf8')
}

function normalise(selector: string): string {
  return selector.replace(/"/g, "'").replace(/\s+/g, ' ').trim()
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i))
      start = i + 1
    }
  }
  parts.push(text.slice(start))
  return parts.map((p) => p.trim()).filter(Boolean)
}

function matchingBrace(file: string, css: string, open: number): number {
  let depth = 0
  for (let i = open; i < css.length; i++) {
    if (css[i] === '{') depth++
    else if (css[i] === '}' && --depth === 0) return i
  }
  throw new Error(`${file}: unbalanced braces after offset ${open}`)
}

function parseRules(file: string, css: string, media: string | null = null): Rule[] {
  const rules: Rule[] = []
  let i = 0
  for (;;) {
    const open = css.indexOf('{', i)
    if (open < 0) break
    const prelude = css.slice(i, open).trim()
    const close = matchingBrace(file, css, open)
    const body = css.slice(open + 1, close)
    if (prelude.startsWith('@media')) {
      rules.push(...parseRules(file, body, prelude.slice('@media'.length).trim()))
    } else if (!prelude.startsWith('@')) {
      const decls = new Map<string, string>()
      for (const decl of splitTopLevel(body, ';')) {
        const colon = decl.indexOf(':')
        if (colon > 0) decls.set(decl.slice(0, colon).trim(), decl.slice(colon + 1).trim())
      }
      rules.push({ file, selectors: splitTopLevel(prelude, ',').map(normalise), media, decls })
    }
    i = close + 1
  }
  return rules
}

function load(file: string): Rule[] {
  const text = source(file)
  const css = file.endsWith('.vue')
    ? [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '').join('\n')
    : text
  if (!css.trim()) throw new Error(`${file} has no styles`)
  return parseRules(file, css.replace(/\/\*[\s\S]*?\*\//g, ''))
}

const cache = new Map<string, Rule[]>()
function rulesOf(file: string): Rule[] {
  const rules = cache.get(file) ?? load(file)
  cache.set(file, rules)
  return rules
}

/**
 * The last declaration of `prop` in the rules of `file` whose selector list holds
 * `selector`; undefined if those rules do not set it. Throws if there is no such rule.
 */
function lookUp(file: string, selector: string, prop: string, media: string | null = null) {
  const wanted = normalise(selector)
  const props = prop === 'background' ? ['background', 'background-color'] : [prop]
  const rules = rulesOf(file).filter((r) => r.media === media && r.selectors.includes(wanted))
  if (rules.length === 0) throw new Error(`${file}: no rule for ${selector}`)
  let value: string | undefined
  for (const rule of rules) for (const p of props) if (rule.decls.has(p)) value = rule.decls.get(p)
  return value
}

function declared(file: string, selector: string, prop: string, media: string | null = null) {
  const value = lookUp(file, selector, prop, media)
  if (value === undefined) throw new Error(`${file}: no "${prop}" in a rule for ${selector}`)
  return value
}

// ----------------------------------------------------------------- the themes

type Vars = Record<string, string>

function customProperties(file: string, selector: string, media: string | null): Vars {
  const rule = rulesOf(file).find(
    (r) => r.media === media && r.selectors.length === 1 && r.selectors[0] === normalise(selector),
  )
  if (!rule) throw new Error(`${file}: no rule "${selector}" (media ${media ?? 'none'})`)
  return Object.fromEntries([...rule.decls].filter(([name]) => name.startsWith('--')))
}

const light = customProperties('styles.css', ':root', null)
const darkForced = customProperties('styles.css', ":root[data-theme='dark']", null)
const darkFromOs = customProperties(
  'styles.css',
  ":root:not([data-theme='light'])",
  '(prefers-color-scheme: dark)',
)
const themes: Record<'light' | 'dark', Vars> = {
  light,
  // The dark block is layered over :root, exactly as the cascade does.
  dark: { ...light, ...darkForced },
}

// -------------------------------------------------------------------- colours

/** sRGB channels 0..255 and alpha 0..1. */
type Rgba = [number, number, number, number]

const named: Record<string, Rgba> = {
  white: [255, 255, 255, 1],
  black: [0, 0, 0, 1],
  transparent: [0, 0, 0, 0],
}

function number(part: string, scale: number): number {
  return part.endsWith('%') ? (parseFloat(part) / 100) * scale : parseFloat(part)
}

function hue(part: string): number {
  const n = parseFloat(part)
  if (part.endsWith('turn')) return n * 360
  if (part.endsWith('rad')) return (n * 180) / Math.PI
  return n
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const f = (n: number) => {
    const k = (n + h / 30) % 12
    const a = s * Math.min(l, 1 - l)
    return 255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1)))
  }
  return [f(0), f(8), f(4)]
}

/** Parses a colour value, resolving var() against `vars`; anything unknown fails the test. */
function colour(value: string, vars: Vars, depth = 0): Rgba {
  if (depth > 20) throw new Error(`var() cycle at ${value}`)
  const v = value.trim().toLowerCase()
  const variable = /^var\(\s*(--[\w-]+)\s*(?:,(.*))?\)$/.exec(v)
  if (variable) {
    const [, name = '', fallback] = variable
    const defined = vars[name]
    if (defined !== undefined) return colour(defined, vars, depth + 1)
    if (fallback !== undefined) return colour(fallback, vars, depth + 1)
    throw new Error(`${name} is not defined`)
  }
  const known = named[v]
  if (known) return known
  const hex = /^#([0-9a-f]{3,8})$/.exec(v)?.[1]
  if (hex && [3, 4, 6, 8].includes(hex.length)) {
    const digits = hex.length <= 4 ? [...hex].map((d) => d + d) : (hex.match(/../g) ?? [])
    const [r = '', g = '', b = '', a = 'ff'] = digits
    return [parseInt(r, 16), parseInt(g, 16), parseInt(b, 16), parseInt(a, 16) / 255]
  }
  const fn = /^(rgba?|hsla?)\((.*)\)$/.exec(v)
  if (fn) {
    const [, kind = '', args = ''] = fn
    const [channels = '', slashAlpha] = args.split('/').map((part) => part.trim())
    const parts = channels.split(/[\s,]+/).filter(Boolean)
    const commaAlpha = parts.length === 4 ? parts.pop() : undefined
    const a = number(slashAlpha ?? commaAlpha ?? '1', 1)
    const [x = '', y = '', z = ''] = parts
    if (parts.length !== 3 || Number.isNaN(a)) throw new Error(`cannot read ${value}`)
    if (kind.startsWith('rgb')) return [number(x, 255), number(y, 255), number(z, 255), a]
    // hsl(): saturation and lightness are percentages, with or without the sign.
    return [...hslToRgb(hue(x), parseFloat(y) / 100, parseFloat(z) / 100), a]
  }
  throw new Error(`unsupported colour "${value}" (use hex, rgb() or hsl())`)
}

/** Source-over compositing in sRGB, as browsers paint. */
function over(top: Rgba, below: Rgba): Rgba {
  const a = top[3] + below[3] * (1 - top[3])
  if (a === 0) return [0, 0, 0, 0]
  const mix = (i: 0 | 1 | 2) => (top[i] * top[3] + below[i] * below[3] * (1 - top[3])) / a
  return [mix(0), mix(1), mix(2), a]
}

function luminance([r, g, b]: Rgba): number {
  const linear = (c: number) => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

function contrast(a: Rgba, b: Rgba): number {
  if (a[3] < 1 || b[3] < 1) throw new Error('contrast needs opaque colours')
  const [x, y] = [luminance(a), luminance(b)]
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05)
}

// ---------------------------------------------------------- what is painted

/** A colour as the app paints it: a property of a real rule, resolved in a theme. */
interface Paint {
  describe: string
  value: (vars: Vars) => string
  /** Custom properties a surrounding rule sets (e.g. the lamp's `--lamp`). */
  scope?: { file: string; selector: string }
}

const colourToken =
  /var\([^()]*(?:\([^()]*\)[^()]*)*\)|#[0-9a-f]{3,8}\b|(?:rgba?|hsla?)\([^)]*\)|\b(?:white|black|transparent|currentcolor)\b/gi

function rule(file: string, selector: string, prop: string, scope?: Paint['scope']): Paint {
  return {
    describe: `${file} ${selector} {${prop}}`,
    scope,
    value: () => {
      const raw = declared(file, selector, prop)
      const tokens = raw.match(colourToken) ?? []
      if (tokens.length !== 1)
        throw new Error(`${file} ${selector} ${prop}: no single colour in "${raw}"`)
      return tokens[0]
    },
  }
}

function paint(p: Paint, vars: Vars): Rgba {
  const scoped = p.scope
    ? { ...vars, ...Object.fromEntries(scopedVars(p.scope.file, p.scope.selector)) }
    : vars
  return colour(p.value(vars), scoped)
}

function scopedVars(file: string, selector: string): [string, string][] {
  const wanted = normalise(selector)
  return rulesOf(file)
    .filter((r) => r.media === null && r.selectors.includes(wanted))
    .flatMap((r) => [...r.decls].filter(([name]) => name.startsWith('--')))
}

interface Pair {
  what: string
  fg: Paint
  bg: Paint
  min: number
  /** If this rule sets `opacity`, the element is composited at it over `behind`. */
  opacity?: { file: string; selector: string; behind: Paint }
}

const AA_TEXT = 4.5
const AA_UI = 3

const S = 'styles.css'
const QUEUE_BADGE = 'components/QueueBadge.vue'
const NAV = 'components/NavBar.vue'
const TILE = 'components/PresenceTile.vue'
const LAMP = 'components/PresenceLamp.vue'
const CALL = 'components/CallCard.vue'
const STATUS = 'components/StatusBar.vue'
const FORM = 'components/AccountForm.vue'
const PREFS = 'components/PreferencesForm.vue'
const CHAT = 'views/ChatView.vue'

const bg = {
  body: rule(S, 'body', 'background'),
  card: rule(S, '.card', 'background'),
  side: rule(S, '.shell__side', 'background'),
  input: rule(S, '.input', 'background'),
  navHover: rule(NAV, '.nav__item:hover', 'background'),
  navCurrent: rule(NAV, '.nav__item--current', 'background'),
  tile: rule(TILE, '.tile', 'background'),
  tileOffline: rule(TILE, '.tile--offline', 'background'),
  tileHover: rule(TILE, ".tile__main:not([aria-disabled='true']):hover", 'background'),
  call: rule(CALL, '.call', 'background'),
  status: rule(STATUS, '.statusbar', 'background'),
  incoming: rule('components/IncomingCall.vue', '.incoming', 'background'),
  dialog: rule('components/DialConfirm.vue', '.dialog', 'background'),
  queueRow: rule('views/QueuesView.vue', '.row', 'background'),
  voicemailRow: rule('views/VoicemailView.vue', '.row', 'background'),
  historyRow: rule('views/HistoryView.vue', '.row', 'background'),
  contactRow: rule('views/ContactsView.vue', '.row', 'background'),
  messages: rule(CHAT, '.messages', 'background'),
  message: rule(CHAT, '.message', 'background'),
  room: rule(CHAT, '.room', 'background'),
}
const text = rule(S, 'body', 'color')
const muted = (file: string, selector: string) => rule(file, selector, 'color')

const pairs: Pair[] = [
  // Body text.
  { what: 'body text on the window', fg: text, bg: bg.body, min: AA_TEXT },
  { what: 'body text on a card', fg: text, bg: bg.card, min: AA_TEXT },
  { what: 'text in an input', fg: rule(S, '.input', 'color'), bg: bg.input, min: AA_TEXT },
  {
    what: 'input placeholder',
    fg: rule(S, '::placeholder', 'color'),
    bg: bg.input,
    min: AA_TEXT,
  },
  { what: 'lamp label', fg: rule(LAMP, '.lamp__text', 'color'), bg: bg.tile, min: AA_TEXT },
  {
    what: 'empty-state title',
    fg: muted('components/EmptyState.vue', '.empty__title'),
    bg: bg.body,
    min: AA_TEXT,
  },
  {
    what: 'account facts',
    fg: muted('views/SettingsView.vue', '.account__facts dd'),
    bg: bg.card,
    min: AA_TEXT,
  },
  { what: 'chat room name', fg: rule(CHAT, '.room', 'color'), bg: bg.room, min: AA_TEXT },
  {
    what: 'confirm dialog text',
    fg: rule('components/DialConfirm.vue', '.dialog', 'color'),
    bg: bg.dialog,
    min: AA_TEXT,
  },
  // Muted text, wherever it sits.
  {
    what: 'muted: empty state',
    fg: muted('components/EmptyState.vue', '.empty'),
    bg: bg.body,
    min: AA_TEXT,
  },
  {
    what: 'muted: board count',
    fg: muted('components/BoardToolbar.vue', '.board__count'),
    bg: bg.body,
    min: AA_TEXT,
  },
  {
    what: 'muted: board sort label',
    fg: muted('components/BoardToolbar.vue', '.board__sort'),
    bg: bg.body,
    min: AA_TEXT,
  },
  {
    what: 'muted: contacts hint',
    fg: muted('views/ContactsView.vue', '.hint'),
    bg: bg.body,
    min: AA_TEXT,
  },
  {
    what: 'muted: history note (no history at this PBX)',
    fg: muted('views/HistoryView.vue', '.note'),
    bg: bg.body,
    min: AA_TEXT,
  },
  {
    what: 'muted: queues note (no pause at this PBX)',
    fg: muted('views/QueuesView.vue', '.note'),
    bg: bg.body,
    min: AA_TEXT,
  },
  {
    what: 'muted: hint (settings, account form help)',
    fg: muted('styles.css', '.hint'),
    bg: bg.card,
    min: AA_TEXT,
  },
  {
    what: 'muted: account facts',
    fg: muted('views/SettingsView.vue', '.account__facts'),
    bg: bg.card,
    min: AA_TEXT,
  },
  {
    what: 'muted: account form label',
    fg: muted(FORM, '.account-form label'),
    bg: bg.card,
    min: AA_TEXT,
  },
  { what: 'muted: preferences label', fg: muted(PREFS, '.prefs label'), bg: bg.card, min: AA_TEXT },
  {
    what: 'board view switch, chosen',
    fg: rule('components/BoardToolbar.vue', ".board__view[aria-pressed='true']", 'color'),
    bg: rule('components/BoardToolbar.vue', ".board__view[aria-pressed='true']", 'background'),
    min: AA_TEXT,
  },
  {
    what: 'muted: board view switch',
    fg: muted('components/BoardToolbar.vue', '.board__view'),
    bg: bg.body,
    min: AA_TEXT,
  },
  {
    what: 'muted: board group count',
    fg: muted('views/presence-board.css', '.board__group-count'),
    bg: bg.body,
    min: AA_TEXT,
  },
  { what: 'muted: tile meta', fg: muted(TILE, '.tile__meta'), bg: bg.tile, min: AA_TEXT },
  {
    what: 'muted: offline tile meta',
    fg: muted(TILE, '.tile__meta'),
    bg: bg.tileOffline,
    min: AA_TEXT,
  },
  {
    what: 'muted: hovered tile meta',
    fg: muted(TILE, '.tile__meta'),
    bg: bg.tileHover,
    min: AA_TEXT,
  },
  { what: 'muted: favourite star', fg: muted(TILE, '.tile__fav'), bg: bg.tile, min: AA_TEXT },
  {
    what: 'muted: favourite star (offline tile)',
    fg: muted(TILE, '.tile__fav'),
    bg: bg.tileOffline,
    min: AA_TEXT,
  },
  { what: 'muted: call number', fg: muted(CALL, '.call__number'), bg: bg.call, min: AA_TEXT },
  { what: 'muted: call progress', fg: muted(CALL, '.call__progress'), bg: bg.call, min: AA_TEXT },
  {
    what: 'muted: incoming title',
    fg: muted('components/IncomingCall.vue', '.incoming__title'),
    bg: bg.incoming,
    min: AA_TEXT,
  },
  {
    what: 'muted: incoming number',
    fg: muted('components/IncomingCall.vue', '.incoming__number'),
    bg: bg.incoming,
    min: AA_TEXT,
  },
  {
    what: 'muted: dial source',
    fg: muted('components/DialConfirm.vue', '.dialog__source'),
    bg: bg.dialog,
    min: AA_TEXT,
  },
  {
    what: 'muted: queue row',
    fg: muted('views/QueuesView.vue', '.row__muted'),
    bg: bg.queueRow,
    min: AA_TEXT,
  },
  {
    what: 'muted: voicemail row',
    fg: muted('views/VoicemailView.vue', '.row__muted'),
    bg: bg.voicemailRow,
    min: AA_TEXT,
  },
  {
    what: 'muted: voicemail "old"',
    fg: muted('views/VoicemailView.vue', '.row__badge'),
    bg: bg.voicemailRow,
    min: AA_TEXT,
  },
  {
    what: 'muted: history row',
    fg: muted('views/HistoryView.vue', '.row__muted'),
    bg: bg.historyRow,
    min: AA_TEXT,
  },
  {
    what: 'muted: contact row',
    fg: muted('views/ContactsView.vue', '.row__muted'),
    bg: bg.contactRow,
    min: AA_TEXT,
  },
  {
    what: 'muted: chat note on the thread',
    fg: muted(CHAT, '.muted'),
    bg: bg.messages,
    min: AA_TEXT,
  },
  { what: 'muted: chat message header', fg: muted(CHAT, '.muted'), bg: bg.message, min: AA_TEXT },
  // A pending chat message must not fade its text below AA (it once had opacity: 0.8).
  ...(['body text', 'muted', 'danger'] as const).map((kind) => ({
    what: `pending chat message: ${kind}`,
    fg: kind === 'body text' ? text : muted(CHAT, kind === 'muted' ? '.muted' : '.error'),
    bg: bg.message,
    min: AA_TEXT,
    opacity: { file: CHAT, selector: '.message--pending', behind: bg.messages },
  })),
  // Accent / link-like text.
  {
    what: 'accent: favourite star on',
    fg: rule(TILE, ".tile__fav[aria-pressed='true']", 'color'),
    bg: bg.tile,
    min: AA_TEXT,
  },
  {
    what: 'accent: favourite star on (offline tile)',
    fg: rule(TILE, ".tile__fav[aria-pressed='true']", 'color'),
    bg: bg.tileOffline,
    min: AA_TEXT,
  },
  {
    what: 'accent: new voicemail',
    fg: rule('views/VoicemailView.vue', '.row--new .row__badge', 'color'),
    bg: bg.voicemailRow,
    min: AA_TEXT,
  },
  // Danger / error text.
  {
    what: 'danger: account form error',
    fg: rule(FORM, '.account-form__status--error', 'color'),
    bg: bg.card,
    min: AA_TEXT,
  },
  {
    what: 'danger: preferences error',
    fg: rule(PREFS, '.prefs__error', 'color'),
    bg: bg.card,
    min: AA_TEXT,
  },
  {
    what: 'danger: call failure',
    fg: rule(CALL, '.call__failure', 'color'),
    bg: bg.call,
    min: AA_TEXT,
  },
  {
    what: 'danger: incoming call action failure',
    fg: rule('components/IncomingCall.vue', '.incoming__failure', 'color'),
    bg: bg.incoming,
    min: AA_TEXT,
  },
  {
    what: 'danger: missed call',
    fg: rule('views/HistoryView.vue', '.row--missed .row__result', 'color'),
    bg: bg.historyRow,
    min: AA_TEXT,
  },
  {
    what: 'danger: queue failure',
    fg: rule('views/QueuesView.vue', '.row__failure', 'color'),
    bg: bg.queueRow,
    min: AA_TEXT,
  },
  ...[
    'views/SettingsView.vue',
    'views/ContactsView.vue',
    'views/ChatView.vue',
    'views/HistoryView.vue',
  ].flatMap((file) => [
    {
      what: `danger: ${file} error on the window`,
      fg: rule(file, '.error', 'color'),
      bg: bg.body,
      min: AA_TEXT,
    },
    {
      what: `danger: ${file} error on a card`,
      fg: rule(file, '.error', 'color'),
      bg: bg.card,
      min: AA_TEXT,
    },
  ]),
  // "OK" text.
  {
    what: 'ok: account test passed',
    fg: rule(FORM, '.account-form__status--ok', 'color'),
    bg: bg.card,
    min: AA_TEXT,
  },
  // Buttons.
  {
    what: 'button',
    fg: rule(S, '.button', 'color'),
    bg: rule(S, '.button', 'background'),
    min: AA_TEXT,
  },
  {
    what: 'primary button',
    fg: rule(S, '.button--primary', 'color'),
    bg: rule(S, '.button--primary', 'background'),
    min: AA_TEXT,
  },
  {
    what: 'danger button',
    fg: rule(S, '.button--danger', 'color'),
    bg: rule(S, '.button--danger', 'background'),
    min: AA_TEXT,
  },
  // Sidebar.
  { what: 'brand on the sidebar', fg: rule(S, '.brand', 'color'), bg: bg.side, min: AA_TEXT },
  {
    what: 'nav text on the sidebar',
    fg: rule(NAV, '.nav__item', 'color'),
    bg: bg.side,
    min: AA_TEXT,
  },
  {
    what: 'nav text on hover',
    fg: rule(NAV, '.nav__item', 'color'),
    bg: bg.navHover,
    min: AA_TEXT,
  },
  {
    what: 'current nav text',
    fg: rule(NAV, '.nav__item--current', 'color'),
    bg: bg.navCurrent,
    min: AA_TEXT,
  },
  {
    what: 'nav count badge',
    fg: rule(NAV, '.nav__badge', 'color'),
    bg: rule(NAV, '.nav__badge', 'background'),
    min: AA_TEXT,
  },
  // Waiting callers in the sidebar, in each colour the longest wait gives them.
  ...['.nav__badge', '.nav__badge--long', '.nav__badge--urgent'].map((selector) => ({
    what: `queue badge ${selector}`,
    fg: rule(QUEUE_BADGE, selector, 'color'),
    bg: rule(QUEUE_BADGE, selector, 'background'),
    min: AA_TEXT,
  })),
  // Badges, status bar, notices.
  {
    what: 'badge',
    fg: rule(S, '.badge', 'color'),
    bg: rule(S, '.badge', 'background'),
    min: AA_TEXT,
  },
  { what: 'status bar text', fg: rule(STATUS, '.statusbar', 'color'), bg: bg.status, min: AA_TEXT },
  {
    what: 'notice',
    fg: rule('components/NoticeList.vue', '.notice', 'color'),
    bg: rule('components/NoticeList.vue', '.notice', 'background'),
    min: AA_TEXT,
  },
  {
    what: 'error notice',
    fg: rule('components/NoticeList.vue', '.notice--error', 'color'),
    bg: rule('components/NoticeList.vue', '.notice--error', 'background'),
    min: AA_TEXT,
  },
  // Focus ring (non-text, 3:1) on every surface a focusable control sits on. The ring
  // is drawn 2px outside the control (inside, on the clipped presence tiles).
  {
    what: 'focus ring on the sidebar',
    fg: rule(S, ':focus-visible', 'outline', { file: S, selector: '.shell__side' }),
    bg: bg.side,
    min: AA_UI,
  },
  ...Object.entries({
    window: bg.body,
    card: bg.card,
    tile: bg.tile,
    'offline tile': bg.tileOffline,
    'hovered tile': bg.tileHover,
    'chat thread': bg.messages,
    'incoming call': bg.incoming,
    dialog: bg.dialog,
  }).map(([where, surface]) => ({
    what: `focus ring on the ${where}`,
    fg: rule(S, ':focus-visible', 'outline'),
    bg: surface,
    min: AA_UI,
  })),
  // Presence lamps (non-text, 3:1) on the tile surfaces they sit on.
  ...presenceStates.flatMap((state) =>
    Object.entries({
      tile: bg.tile,
      'hovered tile': bg.tileHover,
      ...(state === 'offline' || state === 'unknown' ? { 'offline tile': bg.tileOffline } : {}),
    }).map(([where, surface]) => ({
      what: `${state} lamp on the ${where}`,
      fg: rule(LAMP, '.lamp', 'color', { file: LAMP, selector: `.lamp--${state}` }),
      bg: surface,
      min: AA_UI,
    })),
  ),
  {
    what: 'do-not-disturb bar inside its lamp',
    fg: rule(LAMP, '.lamp__cut', 'fill'),
    bg: rule(LAMP, '.lamp', 'color', { file: LAMP, selector: '.lamp--dnd' }),
    min: AA_UI,
  },
  // Connection dots in the status bar (non-text, 3:1).
  ...[
    '.statusbar__dot',
    '.statusbar__item--online .statusbar__dot',
    '.statusbar__item--slow .statusbar__dot',
    '.statusbar__item--signed_out .statusbar__dot',
  ].map((selector) => ({
    what: `status dot ${selector}`,
    fg: rule(STATUS, selector, 'background'),
    bg: bg.status,
    min: AA_UI,
  })),
]

function measure(pair: Pair, vars: Vars): number {
  let back = paint(pair.bg, vars)
  if (back[3] < 1) throw new Error(`${pair.bg.describe} is not opaque`)
  let front = over(paint(pair.fg, vars), back)
  if (pair.opacity) {
    const alpha = number(lookUp(pair.opacity.file, pair.opacity.selector, 'opacity') ?? '1', 1)
    if (!(alpha >= 0 && alpha <= 1)) throw new Error(`cannot read the opacity of ${pair.what}`)
    const behind = paint(pair.opacity.behind, vars)
    back = over([back[0], back[1], back[2], alpha], behind)
    front = over([front[0], front[1], front[2], alpha], behind)
  }
  return contrast(front, back)
}

// ---------------------------------------------------------------------- tests

describe('the contrast maths', () => {
  it('matches known WCAG ratios', () => {
    const none = {}
    expect(contrast(colour('#000', none), colour('#fff', none))).toBeCloseTo(21, 5)
    expect(contrast(colour('#777777', none), colour('white', none))).toBeCloseTo(4.48, 2)
    expect(contrast(colour('rgb(0 0 255)', none), colour('#ffffff', none))).toBeCloseTo(8.59, 2)
    expect(contrast(colour('hsl(0 100% 50%)', none), colour('#fff', none))).toBeCloseTo(4, 1)
    expect(contrast(colour('#ff0000', none), colour('#fff', none))).toBeCloseTo(4, 1)
    // 50% black over white is mid grey (#808080 -> 3.95:1 against white).
    const half = over(colour('rgb(0 0 0 / 50%)', none), colour('#fff', none))
    expect(contrast(half, colour('#fff', none))).toBeCloseTo(3.95, 1)
    expect(() => colour('color-mix(in srgb, red, blue)', none)).toThrow(/unsupported/)
    expect(colour('var(--a)', { '--a': 'var(--b)', '--b': '#102030' })).toEqual([16, 32, 48, 1])
  })
})

describe('the themes', () => {
  it('define the same custom properties in light and dark', () => {
    expect(Object.keys(darkForced).sort()).toEqual(Object.keys(light).sort())
  })

  it('follow the OS with the very same dark palette as the forced dark theme', () => {
    expect(darkFromOs).toEqual(darkForced)
  })

  it('tell native controls which scheme a forced theme uses', () => {
    expect(declared(S, ':root', 'color-scheme')).toBe('light dark')
    expect(declared(S, ":root[data-theme='dark']", 'color-scheme')).toBe('dark')
    expect(declared(S, ":root[data-theme='light']", 'color-scheme')).toBe('light')
  })
})

describe.each(['light', 'dark'] as const)('WCAG AA contrast in the %s theme', (theme) => {
  it.each(pairs.map((p) => [p.what, p] as const))('%s', (_, pair) => {
    const ratio = measure(pair, themes[theme])
    expect(
      ratio,
      `${pair.what}: ${pair.fg.describe} on ${pair.bg.describe} is ${ratio.toFixed(2)}:1`,
    ).toBeGreaterThanOrEqual(pair.min)
  })
})
