/**
 * The office's directory (extensions, users, colleagues) as every dialect keeps
 * it: names change rarely, so one load serves ~10 minutes, and polls that ask at
 * the same time share that one load instead of listing the office twice.
 */

/** How long a directory is trusted before it is listed again. */
export const DIRECTORY_TTL_MS = 10 * 60_000

export class DirectoryCache<T> {
  private value: T
  private loadedAt = -Infinity
  private loading: Promise<T> | undefined

  constructor(
    private readonly load: () => Promise<T>,
    initial: T,
    private readonly now: () => number,
    private readonly ttlMs = DIRECTORY_TTL_MS,
  ) {
    this.value = initial
  }

  /** The last directory loaded (the initial one before any load). */
  get current(): T {
    return this.value
  }

  /** The directory, listed again when older than the TTL or when `force`d. */
  async get(force = false): Promise<T> {
    if (!force && !this.loading && this.now() - this.loadedAt < this.ttlMs) return this.value
    this.loading ??= this.load()
      .then((value) => {
        this.value = value
        this.loadedAt = this.now()
        return value
      })
      .finally(() => {
        this.loading = undefined
      })
    return this.loading
  }

  /** The next `get` lists the office again (after a new sign-in). */
  forget(): void {
    this.loadedAt = -Infinity
  }
}
