/**
 * Non-secret preferences and account settings: versioned, validated on load,
 * written atomically (temp file, fsync, rename). A file that cannot be read is
 * kept aside as `.bak` and the app starts with defaults and says so, so nothing
 * the user had is silently destroyed. Plain Node: no electron import.
 */
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { accountConfigSchema } from '../shared/account-config'
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
      const parsed = settingsSchema.safeParse(migrate(JSON.parse(text)))
      if (parsed.success) return { settings: parsed.data }
      reason = 'its contents are not valid'
    } catch {
      reason = 'it is not valid JSON'
    }
    const backup = `${this.path}.bak`
    await fs.rename(this.path, backup)
    return {
      settings: defaultSettings(),
      notice: `The settings file could not be read (${reason}). It was kept as ${backup} and Switchboard started with default settings.`,
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
