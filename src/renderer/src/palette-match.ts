/**
 * How the command palette matches what the agent typed: words of a command (its
 * label and synonyms in every language) and colleagues by name or extension. Plain
 * string checks, so thousands of extensions stay fast.
 */
import type { Presence } from '../../shared/model'
import type { Translate } from './palette'

/**
 * Other words agents type for a command, in every language the window speaks (an
 * agent may type English in a Danish window). Matched like the label's own words.
 */
export const synonyms = {
  transfer: 'forward pass send viderestil videresend overfør перевести переадресовать переслать',
  pause: 'dnd do not disturb break away forstyr ikke pause не беспокоить перерыв пауза',
  resumeQueue: 'available back ready tilgængelig klar доступен вернуться',
  pickup: 'answer accept besvar tag svar ответить принять',
  hangup: 'end stop afslut læg på завершить положить',
  hold: 'wait vent удержание ждать',
} as const

export function tokensOf(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean)
}

// Between words: spaces, quotes, brackets, arrows and punctuation, in all three languages.
const wordBreak = /[\s«»“”„"'()→:;.,!?–—-]+/

export function wordsOf(text: string): string[] {
  return text.toLowerCase().split(wordBreak).filter(Boolean)
}

/**
 * Every token starts a word of the text ("hang" finds "Hang up", "an" does not);
 * a token with punctuation in it ("support-dk") is looked for as it is.
 */
export function startsWords(
  tokens: readonly string[],
  words: readonly string[],
  text: string,
): boolean {
  return tokens.every((token) =>
    wordBreak.test(token) ? text.includes(token) : words.some((word) => word.startsWith(token)),
  )
}

export function matches(tokens: readonly string[], label: string): boolean {
  return startsWords(tokens, wordsOf(label), label.toLowerCase())
}

/**
 * A translated message with one slot left open, built once per search: filling it
 * for 5,000 colleagues is then string concatenation, not 5,000 message lookups.
 */
export function withSlot(
  t: Translate,
  key: string,
  slot: string,
  params: Record<string, string> = {},
): (value: string) => string {
  const marker = '\uE000'
  const [before = '', after = ''] = t(key, { ...params, [slot]: marker }).split(marker)
  return (value) => `${before}${value}${after}`
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
export function bestColleagues(
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

export function wordStarts(name: string, token: string): boolean {
  return name.startsWith(token) || name.includes(` ${token}`)
}
