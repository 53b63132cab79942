/**
 * The office's extensions (phones and queues) with their short numbers and
 * names, from the paged client-level list, kept as every directory is
 * (directory-cache.ts: ~10 minutes, one shared load).
 */
import { DirectoryCache } from '../directory-cache'
import { buildDirectory, type Directory } from './normalise'
import { parseExtensions } from './parse'
import type { RestV1Client } from './client'

export class RestV1Directory extends DirectoryCache<Directory> {
  constructor(client: RestV1Client, now: () => number) {
    super(
      async () => buildDirectory(await client.pages('/client/@me/extension/', [], parseExtensions)),
      buildDirectory([]),
      now,
    )
  }
}
