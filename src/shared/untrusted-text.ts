/**
 * Untrusted text from the network (caller names, contact fields, chat) is made
 * safe to show once, where it enters: no controls that fake new lines, no bidi
 * overrides that make "+45 911" read as something else, no invisible characters,
 * and a bounded length. It stays text; escaping is the renderer's and Vue's job.
 */

/** Work on at most this much of any field: a 100 kB name costs no more than a short one. */
const MAX_SCAN = 1024

// C0/C1 controls, DEL, and the Unicode line and paragraph separators.
const controls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g
// Direction marks, embeddings, overrides and isolates; zero-width space, word joiner, BOM.
// U+200C/U+200D (ZWNJ/ZWJ) stay: emoji sequences and several scripts need them.
const bidiAndInvisible = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g
// Lone surrogates (from a cut made elsewhere) would show as boxes or break encoders.
const loneSurrogates = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

const plainAscii = /^[\x20-\x7e]*$/

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/** Remove what can fake lines, reorder or hide text; collapse spaces. */
export function cleanText(value: string | null | undefined): string {
  if (typeof value !== 'string') return ''
  return value
    .slice(0, MAX_SCAN)
    .replace(loneSurrogates, '')
    .replace(controls, ' ')
    .replace(bidiAndInvisible, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Cut to at most `max` user-perceived characters, ending with `…` when cut. */
export function capText(value: string, max: number): string {
  if (value.length <= max) return value
  const graphemes: string[] = []
  for (const { segment } of segmenter.segment(value)) {
    graphemes.push(segment)
    if (graphemes.length > max) break
  }
  if (graphemes.length <= max) return graphemes.join('')
  return `${graphemes
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`
}

/** Clean and cap in one step: what a provider does to every name it reports. */
export function safeName(value: string | null | undefined, max = 120): string {
  // Most names are short printable ASCII; they need no cleaning (a 5,000-line
  // presence answer is mostly these, and this is on the polling path).
  if (typeof value === 'string' && value.length <= max && plainAscii.test(value)) {
    return value.includes('  ') ? value.replace(/\s+/g, ' ').trim() : value.trim()
  }
  return capText(cleanText(value), max)
}
