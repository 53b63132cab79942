/**
 * Ids remembered so something happens once per id (a notification, a CRM page,
 * a call this app dialled), without growing for ever in a long-running app: past
 * `max` ids the oldest is forgotten. Main only ever needs "the recent ones", and
 * an id forgotten after hundreds of newer ones belongs to a call long gone.
 */
export class SeenOnce {
  // A Set iterates in insertion order: the first entry is the oldest.
  private readonly ids = new Set<string>()

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('SeenOnce needs room for one id')
  }

  /** True the first time `id` is seen (and remembers it); false while it is remembered. */
  first(id: string): boolean {
    if (this.ids.has(id)) return false
    this.ids.add(id)
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value as string)
    return true
  }

  has(id: string): boolean {
    return this.ids.has(id)
  }

  get size(): number {
    return this.ids.size
  }
}
