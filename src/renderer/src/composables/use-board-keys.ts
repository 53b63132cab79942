/**
 * The board's keyboard: one Tab stop for the whole board (a roving tabindex), arrows
 * over tiles and headers as the board lays them out, Home and End, and the menu key
 * (or Shift+F10) for a tile's actions. Enter and Space are the focused button's own.
 */
import { computed, nextTick, ref, type ComputedRef, type Ref } from 'vue'
import { moveFocus, type BoardKey, type BoardLine } from '../board-layout'

const moves = new Set<string>(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'])

export function useBoardKeys(options: {
  lines: ComputedRef<BoardLine[]>
  /** The focus ids drawn now, in order. */
  drawn: ComputedRef<string[]>
  board: Ref<HTMLElement | null>
  scrollTo: (line: number) => void
  openMenu: (key: string, element: HTMLElement) => void
}) {
  /** The place the board's one Tab stop is on, once the agent moved there. */
  const active = ref('')

  /** Which drawn element takes Tab: the active one, or the first drawn when it scrolled away. */
  const tabStop = computed(() => {
    const drawn = options.drawn.value
    return drawn.includes(active.value) ? active.value : (drawn[0] ?? '')
  })

  function find(id: string): HTMLElement | null {
    return (
      options.board.value?.querySelector<HTMLElement>(`[data-focus-id="${CSS.escape(id)}"]`) ?? null
    )
  }

  async function focus(id: string, line: number): Promise<void> {
    active.value = id
    options.scrollTo(line)
    await nextTick()
    let element = find(id)
    // A line scrolled into view is drawn once the virtualizer has seen the scroll.
    for (let i = 0; !element && i < 5; i++) {
      await new Promise((resolve) => requestAnimationFrame(resolve))
      element = find(id)
    }
    element?.focus()
  }

  function onFocusIn(event: FocusEvent): void {
    const id = (event.target as HTMLElement).closest<HTMLElement>('[data-focus-id]')?.dataset
      .focusId
    if (id) active.value = id
  }

  function onKeydown(event: KeyboardEvent): void {
    const from = (event.target as HTMLElement).closest<HTMLElement>('[data-focus-id]')
    const id = from?.dataset.focusId
    if (!from || !id) return
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault()
      options.openMenu(id, from)
      return
    }
    if (!moves.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return
    event.preventDefault()
    const to = moveFocus(options.lines.value, id, event.key as BoardKey)
    if (to) void focus(to.id, to.line)
  }

  return { active, tabStop, onFocusIn, onKeydown }
}
