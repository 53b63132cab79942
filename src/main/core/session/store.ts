/**
 * The little a session must remember across reconnects and app restarts so that
 * nothing is announced twice and no missed call is lost: which events went out
 * (per call, with a time), the last moment the session was sure it had seen every
 * call, the call tracker's memory, and read cursors (chat). Bounded, and written
 * atomically (temp file, fsync, rename) in the data dir it is given.
 */
import { createHash, randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import type { CallTrackerState } from '../calls/tracker'

const STORE_VERSION = 1

export interface StoreLimits {
  /** At most this many remembered calls/voicemails/messages. Default 3000. */
  maxEntries: number
  /** Forget entries older than this. Default 3 days (longer than any history window). */
  maxAgeMs: number
}

interface StoredEntry {
  at: number
  /** Event ids delivered for this entry (a call has several: ringing, answered, …). */
  ids: string[]
}

export interface StoredState {
  version: number
  createdAt: number
  lastSureAt?: number
  entries: Record<string, StoredEntry>
  cursors: Record<string, number>
  tracker?: CallTrackerState
}

export function storeFileName(accountId: string): string {
  const safe = accountId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)
  const hash = createHash('sha256').update(accountId).digest('hex').slice(0, 10)
  return `${safe}-${hash}.json`
}

function isStoredState(value: unknown): value is StoredState {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Partial<StoredState>
  return (
    v.version === STORE_VERSION &&
    typeof v.createdAt === 'number' &&
    typeof v.entries === 'object' &&
    v.entries !== null &&
    typeof v.cursors === 'object' &&
    v.cursors !== null
  )
}

export class SessionStore {
  private state: StoredState
  private writing: Promise<void> = Promise.resolve()
  private dirty = false
  private queued = false
  /** Set when loading failed; the session logs it. */
  notice?: string

  private constructor(
    readonly path: string,
    state: StoredState,
    private readonly limits: StoreLimits,
  ) {
    this.state = state
  }

  static async open(
    dir: string,
    accountId: string,
    now: number,
    limits: Partial<StoreLimits> = {},
  ): Promise<SessionStore> {
    const path = join(dir, 'sessions', storeFileName(accountId))
    const full = { maxEntries: 3000, maxAgeMs: 3 * 24 * 60 * 60 * 1000, ...limits }
    const fresh: StoredState = { version: STORE_VERSION, createdAt: now, entries: {}, cursors: {} }
    let text: string | undefined
    try {
      text = await fs.readFile(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    if (text === undefined) return new SessionStore(path, fresh, full)
    try {
      const parsed: unknown = JSON.parse(text)
      if (isStoredState(parsed)) return new SessionStore(path, parsed, full)
    } catch {
      // fall through: keep the bad file aside and start afresh
    }
    await fs.rename(path, `${path}.bak`).catch(() => undefined)
    const store = new SessionStore(path, fresh, full)
    store.notice = `The session memory for this account could not be read; it was kept as ${path}.bak.`
    return store
  }

  get createdAt(): number {
    return this.state.createdAt
  }

  /** True the first time `id` is claimed; false if it was delivered before. */
  claim(entry: string, id: string, at: number): boolean {
    const found = this.state.entries[entry]
    if (found?.ids.includes(id)) return false
    if (found) {
      found.ids.push(id)
      found.at = at
    } else {
      this.state.entries[entry] = { at, ids: [id] }
    }
    this.touch()
    return true
  }

  /**
   * Remember a mark, such as "heard" for a voicemail the PBX cannot mark itself.
   * Calling it again while the mark is in use keeps it from ageing out (refreshed
   * at most daily, so a poll does not rewrite the file).
   */
  mark(entry: string, at: number): void {
    const found = this.state.entries[entry]
    if (found && at - found.at < 24 * 3600_000) return
    if (found) found.at = at
    else this.state.entries[entry] = { at, ids: [] }
    this.touch()
  }

  /** Anything was ever delivered for this entry (a call id, a voicemail id). */
  has(entry: string): boolean {
    return this.state.entries[entry] !== undefined
  }

  get lastSureAt(): number | undefined {
    return this.state.lastSureAt
  }

  setLastSureAt(at: number): void {
    this.state.lastSureAt = at
    this.touch()
  }

  cursor(name: string): number | undefined {
    return this.state.cursors[name]
  }

  setCursor(name: string, value: number): void {
    if (this.state.cursors[name] === value) return
    this.state.cursors[name] = value
    this.touch()
  }

  get tracker(): CallTrackerState | undefined {
    return this.state.tracker
  }

  setTracker(tracker: CallTrackerState): void {
    this.state.tracker = tracker
    this.touch()
  }

  /** Writes if anything changed; coalesces writes while one is under way. */
  save(now: number): Promise<void> {
    if (!this.dirty) return this.writing
    if (this.queued) return this.writing
    this.queued = true
    // A failed write must not stop later ones: the chain always continues.
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        this.queued = false
        this.dirty = false
        this.prune(now)
        await this.write(`${JSON.stringify(this.state)}\n`)
      })
    return this.writing
  }

  entryCount(): number {
    return Object.keys(this.state.entries).length
  }

  private touch(): void {
    this.dirty = true
  }

  private prune(now: number): void {
    const entries = Object.entries(this.state.entries).filter(
      ([, entry]) => now - entry.at <= this.limits.maxAgeMs,
    )
    entries.sort((a, b) => b[1].at - a[1].at)
    this.state.entries = Object.fromEntries(entries.slice(0, this.limits.maxEntries))
  }

  private async write(text: string): Promise<void> {
    const dir = join(this.path, '..')
    await fs.mkdir(dir, { recursive: true })
    const temp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    const handle = await fs.open(temp, 'w', 0o600)
    try {
      await handle.writeFile(text, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(temp, this.path)
  }
}
