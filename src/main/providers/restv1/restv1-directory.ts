/**
 * The office's extensions (phones and queues) with their short numbers and
 * names, from the paged client-level list. Names change rarely, so the list is
 * kept ~10 minutes; concurrent polls share one load instead of paging twice.
 */
import { buildDirectory, type Directory } from './normalise'
import { parseExtensions } from './parse'
import type { RestV1Client } from './restv1-client'

const TTL_MS = 10 * 60_000

export class RestV1Directory {
  current: Directory = buildDirectory([])
  private loadedAt = -Infinity
  private loading: Promise<Directory> | undefined

  constructor(
    private readonly client: RestV1Client,
    private readonly now: () => number,
  ) {}

  async get(force = false): Promise<Directory> {
    if (!force && this.now() - this.loadedAt < TTL_MS) return this.current
    this.loading ??= this.client
      .pages('/client/@me/extension/', [], parseExtensions)
      .then((rows) => {
        this.current = buildDirectory(rows)
        this.loadedAt = this.now()
        return this.current
      })
      .finally(() => {
        this.loading = undefined
      })
    return this.loading
  }
}
