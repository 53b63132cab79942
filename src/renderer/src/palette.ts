/**
 * The command palette's commands: built from the live state the stores hold and
 * filtered by what the agent typed. Pure (no Vue, no stores), so it can be tested
 * directly and stays fast with thousands of extensions: colleagues are matched
 * with plain string checks and only the best few are kept, never the whole board.
 */
import type { Call, Capability, Presence, QueueMembership } from '../../shared/model'
import type { Screen } from './stores/navigation'

export type Translate = (key: string, params?: Record<string, string>) => string

export type PaletteAction =
  | { kind: 'dial'; number: string; accountId?: string }
  | { kind: 'call'; action: 'pickup' | 'hangup' | 'hold' | 'resume'; call: Call }
  | { kind: 'transfer'; call: Call; destination: string }
  | { kind: 'queue'; pause: boolean; membership: QueueMembership }
  | { kind: 'go'; screen: Screen }
  | { kind: 'search'; text: string }

export interface PaletteCommand {
  /** Stable while the command exists, so the highlight survives live updates. */
  id: string
  label: string
  /** A short second column: an extension and its lamp, a call's state, … */
  hint?: string
  action: PaletteAction
}

export interface PaletteState {
  presence: readonly Presence[]
  /** The agent's own live calls (not those answered elsewhere). */
  calls: readonly Call[]
  queues: readonly QueueMembership[]
  screens: readonly Screen[]
  can: (accountId: string, capability: Capability) => boolean
  anyCan: (capability: Capability) => boolean
}

export interface PaletteResult {
  commands: PaletteCommand[]
  /** True when more commands matched than are shown. */
  truncated: boolean
}

/** At most this many commands are shown; typing more narrows them down. */
export const PALETTE_LIMIT = 50
/** At most this many colleagues per kind (call, transfer), so other kinds still show. */
const COLLEAGUE_LIMIT = 20

// The separators people put in numbers, as shared/dialable.ts reads them.
const separators = /[ \u00a0\u2007\u2009\u202f\-.()/]/g
const numberPattern = /^\+?[0-9*#]{1,32}$/

/**
 * The number in the text when it reads as one (digits, a leading `+`, `*`, `#`,
 * separators), else null. Only a hint for offering "Call …": main parses the
 * number once more and refuses what cannot be dialled, as for the dialer.
 */
export function typedNumber(text: string): string | null {
  const trimmed = text.trim()
  if (trimmed.length > 64) return null
  const compact = trimmed.replace(separators, '')
  return numberPattern.test(compact) && /[0-9]/.test(compact) ? compact : null
}

function tokensOf(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean)
}

// Between words: spaces, quotes, brackets, arrows and punctuation, in all three languages.
const wordBreak = /[\s«»“”„"'()→:;.,!?–—-]+/

function wordsOf(text: string): string[] {
  return text.toLowerCase().split(wordBreak).filter(Boolean)
}

/**
 * Every token starts a word of the text ("hang" finds "Hang up", "an" does not);
 * a token with punctuation in it ("support-dk") is looked for as it is.
 */
function startsWords(tokens: readonly string[], words: readonly string[], text: string): boolean {
  return tokens.every((token) =>
    wordBreak.test(token) ? text.includes(token) : words.some((word) => word.startsWith(token)),
  )
}

function matches(tokens: readonly string[], label: string): boolean {
  return startsWords(tokens, wordsOf(label), label.toLowerCase())
}

/**
 * A translated message with one slot left open, built once per search: filling it
 * for 5,000 colleagues is then string concatenation, not 5,000 message lookups.
 */
function withSlot(
  t: Translate,
  key: string,
  slot: string,
  params: Record<string, string> = {},
): (value: string) => string {
  const marker = '\uE000'
  const [before = '', after = ''] = t(key, { ...params, [slot]: marker }).split(marker)
  return (value) => `${before}${value}${after}`
}

export function callParty(call: Call): string {
  return call.remote.name || call.remote.number
}

interface Ranked {
  rank: number
  /** The lower-cased name: compared by code point while choosing, which is cheap. */
  key: string
  entry: Presence
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base' })

function better(a: Ranked, b: Ranked): boolean {
  return a.rank !== b.rank ? a.rank < b.rank : a.key < b.key
}

/**
 * The best `limit` colleagues matching the tokens: every token is in the name,
 * the extension or the command's own words, and at least one is in the name or
 * extension (so "call" alone lists nobody). Kept in a small sorted array, so a
 * query matching thousands costs one comparison for most of them.
 */
function bestColleagues(
  entries: readonly Presence[],
  tokens: readonly string[],
  number: string | null,
  commandWords: string,
  accept: (entry: Presence) => boolean,
  limit: number,
): { best: Presence[]; more: boolean } {
  const words = wordsOf(commandWords)
  const lower = commandWords.toLowerCase()
  const first = tokens.join(' ')
  const kept: Ranked[] = []
  let more = false
  for (const entry of entries) {
    if (!accept(entry)) continue
    const name = entry.name.toLowerCase()
    const extension = entry.extension.toLowerCase()
    let subject = false
    let all = true
    for (const token of tokens) {
      if (name.includes(token) || extension.includes(token)) subject = true
      else if (!startsWords([token], words, lower)) {
        all = false
        break
      }
    }
    const byNumber = number !== null && extension.includes(number)
    if (!byNumber && !(all && subject)) continue
    const rank =
      name.startsWith(first) || extension === number
        ? 0
        : extension.startsWith(number ?? '\u0000') ||
            tokens.some((token) => wordStarts(name, token))
          ? 1
          : 2
    const item = { rank, key: name, entry }
    if (kept.length === limit) {
      more = true
      if (!better(item, kept[limit - 1]!)) continue
      kept.pop()
    }
    let at = kept.length
    while (at > 0 && better(item, kept[at - 1]!)) at--
    kept.splice(at, 0, item)
  }
  // The few kept are put in the language's order (a collator is too slow for thousands).
  kept.sort((a, b) => a.rank - b.rank || collator.compare(a.entry.name, b.entry.name))
  return { best: kept.map((k) => k.entry), more }
}

function wordStarts(name: string, token: string): boolean {
  return name.startsWith(token) || name.includes(` ${token}`)
}

function colleagueHint(t: Translate, entry: Presence): string {
  return `${entry.extension} · ${t(`lamp.${entry.state}`)}`
}

/** Every command the agent may run now that matches the query, best first, capped. */
export function buildCommands(
  state: PaletteState,
  query: string,
  t: Translate,
  limit = PALETTE_LIMIT,
): PaletteResult {
  const text = query.trim()
  const tokens = tokensOf(text)
  const number = typedNumber(text)
  const out: PaletteCommand[] = []
  let truncated = false
  // Matched on the label alone: a hint such as "Taking calls" would make "calls" list every queue.
  const offer = (command: PaletteCommand): void => {
    if (matches(tokens, command.label)) out.push(command)
  }

  // The calls the agent has: answer, hold, resume, hang up.
  for (const call of state.calls) {
    const party = callParty(call)
    const hint = t(`calls.state.${call.state}`)
    const can = (capability: Capability): boolean => state.can(call.accountId, capability)
    const command = (action: 'pickup' | 'hangup' | 'hold' | 'resume', key: string): void =>
      offer({
        id: `${action}:${call.accountId}/${call.id}`,
        label: t(key, { call: party }),
        hint,
        action: { kind: 'call', action, call },
      })
    if (call.state === 'ringing' && call.direction !== 'outbound' && can('pickup'))
      command('pickup', 'palette.pickup')
    if (call.state === 'up' && can('hold')) command('hold', 'palette.hold')
    if (call.state === 'held' && can('hold')) command('resume', 'palette.resumeCall')
    if (can('hangup')) {
      const declining = call.state === 'ringing' && call.direction !== 'outbound'
      command('hangup', declining ? 'palette.decline' : 'palette.hangup')
    }
  }

  // Colleagues to call, by name or number, and the number itself.
  if (tokens.length > 0) {
    const callLabel = withSlot(t, 'palette.call', 'name')
    const { best, more } = bestColleagues(
      state.presence,
      tokens,
      number,
      callLabel(''),
      (entry) => state.can(entry.accountId, 'dial'),
      COLLEAGUE_LIMIT,
    )
    truncated ||= more
    for (const entry of best) {
      out.push({
        id: `dial:${entry.accountId}/${entry.extension}`,
        label: callLabel(entry.name),
        hint: colleagueHint(t, entry),
        action: { kind: 'dial', number: entry.extension, accountId: entry.accountId },
      })
    }
    const known = best.some((entry) => entry.extension === number)
    if (number && !known && state.anyCan('dial')) {
      out.push({
        id: `dial:${number}`,
        label: t('palette.callNumber', { number: text }),
        action: { kind: 'dial', number: text },
      })
    }
  }

  // Transfers of a connected (or held) call to a colleague or to the typed number.
  if (tokens.length > 0) {
    for (const call of state.calls) {
      if ((call.state !== 'up' && call.state !== 'held') || !state.can(call.accountId, 'transfer'))
        continue
      const transferLabel = withSlot(t, 'palette.transfer', 'target', { call: callParty(call) })
      const { best, more } = bestColleagues(
        state.presence,
        tokens,
        number,
        transferLabel(''),
        (entry) => entry.accountId === call.accountId,
        COLLEAGUE_LIMIT,
      )
      truncated ||= more
      for (const entry of best) {
        out.push({
          id: `transfer:${call.accountId}/${call.id}>${entry.extension}`,
          label: transferLabel(entry.name),
          hint: colleagueHint(t, entry),
          action: { kind: 'transfer', call, destination: entry.extension },
        })
      }
      if (number && !best.some((entry) => entry.extension === number)) {
        out.push({
          id: `transfer:${call.accountId}/${call.id}>${number}`,
          label: transferLabel(text),
          action: { kind: 'transfer', call, destination: text },
        })
      }
    }
  }

  // Queue work: pause (without a reason: no PBX here offers a list of them) or resume.
  for (const membership of state.queues) {
    if (!state.can(membership.accountId, 'queue_pause')) continue
    const pause = !membership.paused
    offer({
      id: `queue:${membership.accountId}/${membership.queueId}`,
      label: t(pause ? 'palette.pause' : 'palette.resumeQueue', { queue: membership.queueName }),
      hint: t(pause ? 'queues.working' : 'queues.paused'),
      action: { kind: 'queue', pause, membership },
    })
  }

  for (const screen of state.screens) {
    offer({
      id: `go:${screen}`,
      label: t('palette.go', { section: t(`nav.${screen}`) }),
      action: { kind: 'go', screen },
    })
  }

  // Always last and never cut off: the way to the whole board when the list is not enough.
  const tail: PaletteCommand[] = []
  if (text !== '' && state.anyCan('presence')) {
    tail.push({
      id: 'search',
      label: t('palette.search', { text }),
      action: { kind: 'search', text },
    })
  }

  const room = limit - tail.length
  if (out.length > room) truncated = true
  return { commands: [...out.slice(0, room), ...tail], truncated }
}
