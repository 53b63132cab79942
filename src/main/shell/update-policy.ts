/**
 * Whether this desktop may update itself. Managed desktops (IT rolls out each
 * version) turn updates off with SWITCHBOARD_DISABLE_UPDATES=1, or with a
 * policy.json {"updates": false} next to the settings file or in the
 * installation's resources folder (a per-machine install, writable by admins
 * only). Plain Node: the shell passes the folders in.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

export const POLICY_FILE = 'policy.json'
export const DISABLE_ENV = 'SWITCHBOARD_DISABLE_UPDATES'

export type UpdatePolicy = { enabled: true } | { enabled: false; reason: string }

function envSaysOff(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim())
}

async function fileSays(path: string): Promise<UpdatePolicy | null> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    return null
  }
  try {
    const parsed = JSON.parse(text) as unknown
    if (typeof parsed === 'object' && parsed !== null && 'updates' in parsed) {
      const updates = (parsed as { updates: unknown }).updates
      if (updates === false) return { enabled: false, reason: `${path} says "updates": false` }
      if (updates === true) return null
    }
    return null
  } catch {
    // Someone meant to manage this desktop: a broken file must not re-enable updates.
    return { enabled: false, reason: `${path} is not valid JSON; updates stay off` }
  }
}

export async function readUpdatePolicy(
  env: NodeJS.ProcessEnv,
  folders: readonly string[],
): Promise<UpdatePolicy> {
  if (envSaysOff(env[DISABLE_ENV])) {
    return { enabled: false, reason: `${DISABLE_ENV} is set` }
  }
  for (const folder of folders) {
    const said = await fileSays(join(folder, POLICY_FILE))
    if (said) return said
  }
  return { enabled: true }
}
