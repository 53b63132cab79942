/**
 * Non-secret preferences and account settings: versioned, validated on load,
 * written atomically (temp file, fsync, rename). A file that cannot be read is
 * kept aside as `.bak` and the app starts with defaults and says so, so nothing
 * the user had is silently destroyed. Plain Node: no electron import.
 */
import type { NoticeDetail } from '../shared/notice'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { accountConfigSchema, accountIdSchema } from '../shared/account-config'
import { preferencesSchema, type Preferences } from '../shared/preferences'

export { preferencesSchema }

export const SETTINGS_VERSION = 1

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  accounts: z.array(accountConfigSchema).max(50).default([]),
  preferences: preferencesSchema.default(() => preferencesSchema.parse({})),
})

export type Settings = z.output<typeof settingsSchema>
export type { Preferences }

export function defaultSettings(): Settings {
  return settingsSchema.parse({ version: SETTINGS_VERSION })
}

/**
 * Migrations from each older version to the next. A version-0 file (before the
 * field existed) is the same shape without `version`.
 */
const migrations: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  0: (old) => ({ ...old, version: 1 }),
}

export function migrate(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw
  let data = raw as Record<string, unknown>
  let version = typeof data.version === 'number' ? data.version : 0
  while (version < SETTINGS_VERSION) {
    const step = migrations[version]
    if (!step) break
    data = step(data)
    version = typeof data.version === 'number' ? data.version : version + 1
  }
  return data
}

export interface LoadedSettings {
  settings: Settings
  /** Set when the file could not be used; says what happened, in words. */
  notice?: string
  /** The same, as a code for the window to say in the agent's language. */
  noticeDetail?: NoticeDetail
}

/**
 * A file written by an older version may hold what today's checks refuse (an
 * http:// server, a shortcut without a modifier). Rather than set the whole file
 * aside, each such account or preference is left out (a preference falls back to
 * its default) and named; null when the file is not salvageable this way.
 */
export function salvage(raw: unknown): { settings: Settings; dropped: string[] } | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null
  const data = raw as Record<string, unknown>
  const dropped: string[] = []
  const accounts = Array.isArray(data.accounts) ? data.accounts : []
  const kept = accounts.filter((account, i) => {
    if (accountConfigSchema.safeParse(account).success) return true
    const id = accountIdSchema.safeParse((account as { id?: unknown } | null)?.id)
    dropped.push(`account ${id.success ? id.data : `#${i + 1}`}`)
    return false
  })
  const preferences =
    typeof data.preferences === 'object' && data.preferences !== null
      ? { ...(data.preferences as Record<string, unknown>) }
      : {}
  const checked = preferencesSchema.safeParse(preferences)
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const key = issue.path[0]
      if (typeof key === 'string' && key in preferences) {
        delete preferences[key]
        dropped.push(`preference ${key}`)
      }
    }
  }
  const parsed = settingsSchema.safeParse({ ...data, accounts: kept, preferences })
  return parsed.success && dropped.length > 0 ? { settings: parsed.data, dropped } : null
}

export class SettingsFile {
  readonly path: string

  constructor(readonly dir: string) {
    this.path = join(dir, 'settings.json')
  }

  async load(): Promise<LoadedSettings> {
    let text: string
    try {
      text = await fs.readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: defaultSettings() }
      throw error
    }
    let reason: string
    try {
      const raw = migrate(JSON.parse(text))
      const parsed = settingsSchema.safeParse(raw)
      if (parsed.success) return { settings: parsed.data }
      const salvaged = salvage(raw)
      if (salvaged) {
        const backup = `${this.path}.bak`
        await fs.copyFile(this.path, backup)
        return {
          settings: salvaged.settings,
          notice: `Some settings no longer pass Switchboard's checks and were left out (${salvaged.dropped.join(', ')}); the file as it was is kept as ${backup}.`,
          noticeDetail: {
            code: 'settings_salvaged',
            params: { fields: salvaged.dropped.join(', '), backup },
          },
        }
      }
      reason = 'its contents are not valid'
    } catch {
      reason = 'it is not valid JSON'
    }
    const backup = `${this.path}.bak`
    await fs.rename(this.path, backup)
    return {
      settings: defaultSettings(),
      notice: `The settings file could not be read (${reason}). It was kept as ${backup} and Switchboard started with default settings.`,
      noticeDetail: { code: 'settings_unreadable', params: { backup } },
    }
  }

  async save(settings: Settings): Promise<void> {
    const checked = settingsSchema.parse(settings)
    await fs.mkdir(this.dir, { recursive: true })
    const temp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    const handle = await fs.open(temp, 'w', 0o600)
    try {
      await handle.writeFile(`${JSON.stringify(checked, null, 2)}\n`, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(temp, this.path)
  }
}
