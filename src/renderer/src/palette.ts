/**
 * The command palette's commands: built from the live state the stores hold and
 * filtered by what the agent typed. Pure (no Vue, no stores), so it can be tested
 * directly and stays fast with thousands of extensions: colleagues are matched
 * with plain string checks and only the best few are kept, never the whole board.
 */
import { callActions } from '../../shared/call-actions'
import type { Call, Capability, Presence, QueueMembership } from '../../shared/model'
import { bestColleagues, matches, synonyms, tokensOf, withSlot } from './palette-match'
import type { Screen } from './stores/navigation'

export type Translate = (key: string, params?: Record<string, string>) => string

export type PaletteAction =
  | { kind: 'dial'; number: string; accountId?: string }
  /** A colleague on the board, called by that entry (a jade login may be a name). */
  | { kind: 'colleague'; entry: Presence }
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
  /** Ends or gives away a call: never the one highlighted when the palette opens. */
  destructive?: boolean
}

export interface PaletteState {
  presence: readonly Presence[]
  /** The agent's own live calls (not those answered elsewhere). */
  calls: readonly Call[]
  queues: readonly QueueMembership[]
  screens: readonly Screen[]
  can: (accountId: string, capability: Capability) => boolean
  anyCan: (capability: Capability) => boolean
  /** The agent's own extension, never offered as someone to call or transfer to. */
  isOwn?: (accountId: string, extension: string) => boolean
  /** Colleagues the agent pinned on the board: offered first to transfer to, untyped. */
  isPinned?: (accountId: string, extension: string) => boolean
}

/** At most this many pinned colleagues are offered for a transfer with nothing typed. */
const PINNED_LIMIT = 5

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

export function callParty(call: Call): string {
  return call.remote.name || call.remote.number
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
  const offer = (command: PaletteCommand, also = ''): void => {
    if (matches(tokens, also ? `${command.label} ${also}` : command.label)) out.push(command)
  }
  const own = (entry: Presence): boolean => state.isOwn?.(entry.accountId, entry.extension) ?? false

  // With nothing typed during a call, first the free colleagues the agent pinned: the
  // usual places to pass a caller on, so Ctrl+K, Enter transfers to the first of them.
  if (tokens.length === 0 && state.isPinned) {
    for (const call of state.calls) {
      if ((call.state !== 'up' && call.state !== 'held') || call.consultFor) continue
      if (!state.can(call.accountId, 'transfer')) continue
      const transferLabel = withSlot(t, 'palette.transfer', 'target', { call: callParty(call) })
      const free = state.presence
        .filter(
          (entry) =>
            entry.accountId === call.accountId &&
            entry.state === 'available' &&
            !own(entry) &&
            entry.extension !== call.remote.number &&
            numberPattern.test(entry.extension) &&
            state.isPinned!(entry.accountId, entry.extension),
        )
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(0, PINNED_LIMIT)
      for (const entry of free) {
        out.push({
          id: `transfer:${call.accountId}/${call.id}>${entry.extension}`,
          label: transferLabel(entry.name),
          hint: colleagueHint(t, entry),
          action: { kind: 'transfer', call, destination: entry.extension },
        })
      }
    }
  }

  // The calls the agent has: answer, hold, resume, hang up, by the rules the call card uses.
  for (const call of state.calls) {
    const party = callParty(call)
    const hint = t(`calls.state.${call.state}`)
    const offered = callActions(call, (capability) => state.can(call.accountId, capability))
    const command = (
      action: 'pickup' | 'hangup' | 'hold' | 'resume',
      key: string,
      also: string,
      destructive = false,
    ): void =>
      offer(
        {
          id: `${action}:${call.accountId}/${call.id}`,
          label: t(key, { call: party }),
          hint,
          action: { kind: 'call', action, call },
          ...(destructive ? { destructive } : {}),
        },
        also,
      )
    const has = (id: (typeof offered.actions)[number]): boolean => offered.actions.includes(id)
    if (has('pickup')) command('pickup', 'palette.pickup', synonyms.pickup)
    if (has('hold')) command('hold', 'palette.hold', synonyms.hold)
    if (has('resume')) command('resume', 'palette.resumeCall', '')
    if (has('decline')) command('hangup', 'palette.decline', synonyms.hangup, true)
    if (has('hangup')) command('hangup', 'palette.hangup', synonyms.hangup, true)
  }

  // Transfers of a connected (or held) call to a colleague or to the typed number: first,
  // since during a call a colleague's name is most often typed to pass the caller on.
  if (tokens.length > 0) {
    for (const call of state.calls) {
      if ((call.state !== 'up' && call.state !== 'held') || !state.can(call.accountId, 'transfer'))
        continue
      const transferLabel = withSlot(t, 'palette.transfer', 'target', { call: callParty(call) })
      const { best, more } = bestColleagues(
        state.presence,
        tokens,
        number,
        `${transferLabel('')} ${synonyms.transfer}`,
        (entry) =>
          entry.accountId === call.accountId &&
          !own(entry) &&
          entry.extension !== call.remote.number &&
          // A PBX transfers to a number: a colleague known by a login (jade) is only called.
          numberPattern.test(entry.extension),
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

  // Colleagues to call, by name or number, and the number itself.
  if (tokens.length > 0) {
    const callLabel = withSlot(t, 'palette.call', 'name')
    const { best, more } = bestColleagues(
      state.presence,
      tokens,
      number,
      callLabel(''),
      (entry) => state.can(entry.accountId, 'dial') && !own(entry),
      COLLEAGUE_LIMIT,
    )
    truncated ||= more
    for (const entry of best) {
      out.push({
        id: `dial:${entry.accountId}/${entry.extension}`,
        label: callLabel(entry.name),
        hint: colleagueHint(t, entry),
        action: { kind: 'colleague', entry },
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

  // Queue work: pause (without a reason: no PBX here offers a list of them) or resume.
  for (const membership of state.queues) {
    if (!state.can(membership.accountId, 'queue_pause')) continue
    const pause = !membership.paused
    offer(
      {
        id: `queue:${membership.accountId}/${membership.queueId}`,
        label: t(pause ? 'palette.pause' : 'palette.resumeQueue', { queue: membership.queueName }),
        hint: t(pause ? 'queues.working' : 'queues.paused'),
        action: { kind: 'queue', pause, membership },
      },
      pause ? synonyms.pause : synonyms.resumeQueue,
    )
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
