/**
 * How the presence board is laid out: pinned favourites first, then the agent's own
 * groups, then everyone else; each section cut into lines of `columns` tiles, under
 * a header that folds it away. Pure, so the layout and the keyboard moves over it
 * are tested without a board. A colleague shows once: pinned wins over a group,
 * the first group over a later one, so a key names one place on the board.
 */
import type { BoardGroup } from '../../shared/preferences'

export type SectionId = 'pinned' | 'others' | `group:${string}`

export interface Section {
  id: SectionId
  /** The group's own name; empty for the pinned and the others sections. */
  name: string
  keys: string[]
}

export type BoardLine =
  | { kind: 'head'; id: string; section: Section; collapsed: boolean }
  | { kind: 'tiles'; id: string; keys: string[] }

/** Splits the board's keys (already searched, filtered and sorted) into sections. */
export function sectionsOf(
  shown: readonly string[],
  isPinned: (key: string) => boolean,
  groups: readonly BoardGroup[],
): Section[] {
  const pinned: string[] = []
  const grouped = groups.map((g) => ({
    group: g,
    members: new Set(g.members),
    keys: [] as string[],
  }))
  const others: string[] = []
  for (const key of shown) {
    if (isPinned(key)) {
      pinned.push(key)
      continue
    }
    const home = grouped.find((g) => g.members.has(key))
    if (home) home.keys.push(key)
    else others.push(key)
  }
  const out: Section[] = []
  if (pinned.length) out.push({ id: 'pinned', name: '', keys: pinned })
  for (const g of grouped)
    if (g.keys.length) out.push({ id: `group:${g.group.name}`, name: g.group.name, keys: g.keys })
  if (others.length) out.push({ id: 'others', name: '', keys: others })
  return out
}

/**
 * The board's lines. With one section and no groups there is nothing to name, so
 * the board is as it always was: tiles without a header.
 */
export function linesOf(
  sections: readonly Section[],
  columns: number,
  collapsed: ReadonlySet<string>,
): BoardLine[] {
  const lines: BoardLine[] = []
  const headed = sections.length > 1 || sections.some((s) => s.id !== 'others')
  for (const section of sections) {
    const folded = headed && collapsed.has(section.id)
    if (headed) lines.push({ kind: 'head', id: `h:${section.id}`, section, collapsed: folded })
    if (folded) continue
    for (let i = 0; i < section.keys.length; i += columns)
      lines.push({
        kind: 'tiles',
        id: `${section.id}:${i / columns}`,
        keys: section.keys.slice(i, i + columns),
      })
  }
  return lines
}

/** What the keyboard can land on: a header (by its line id) or a tile (by its key). */
export function focusIdsOf(line: BoardLine): string[] {
  return line.kind === 'head' ? [line.id] : line.keys
}

export type BoardKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End'

/**
 * Where a key moves the focus: left and right along the board's reading order, up
 * and down to the same column of the line above or below (the last tile of a
 * shorter line, or the header), Home and End to the first and last place.
 * Returns the new focus id and its line, or null when the key goes nowhere.
 */
export function moveFocus(
  lines: readonly BoardLine[],
  from: string,
  key: BoardKey,
): { id: string; line: number } | null {
  const order: { id: string; line: number }[] = []
  lines.forEach((line, index) => {
    for (const id of focusIdsOf(line)) order.push({ id, line: index })
  })
  if (order.length === 0) return null
  if (key === 'Home') return order[0]!
  if (key === 'End') return order[order.length - 1]!
  const at = order.findIndex((o) => o.id === from)
  if (at < 0) return order[0]!
  if (key === 'ArrowLeft') return at > 0 ? order[at - 1]! : null
  if (key === 'ArrowRight') return at < order.length - 1 ? order[at + 1]! : null
  const lineIndex = order[at]!.line
  const column = focusIdsOf(lines[lineIndex]!).indexOf(from)
  const next = lineIndex + (key === 'ArrowDown' ? 1 : -1)
  const target = lines[next]
  if (!target) return null
  const ids = focusIdsOf(target)
  return { id: ids[Math.min(column, ids.length - 1)]!, line: next }
}
