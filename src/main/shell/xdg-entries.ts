/**
 * Linux desktop entries the app writes for itself (plain Node, no electron):
 *
 * - Start at login: `setLoginItemSettings` does nothing on Linux, so the XDG
 *   autostart entry (~/.config/autostart/switchboard.desktop) is written or
 *   removed, starting Switchboard hidden in the tray.
 * - An AppImage has no installer, so nothing registered its tel:/callto:/sip:
 *   handlers: on start it writes ~/.local/share/applications/switchboard.desktop
 *   pointing at the AppImage file, which is what `xdg-mime` then names.
 *
 * Both point at `$APPIMAGE` when set (the AppImage's own path; `execPath` is
 * inside its temporary mount and gone after it quits).
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const DESKTOP_FILE = 'switchboard.desktop'
export const HIDDEN_FLAG = '--hidden'
const SCHEMES = ['tel', 'callto', 'sip']

export interface XdgEnv {
  home: string
  /** $XDG_CONFIG_HOME, when set. */
  configHome?: string
  /** $XDG_DATA_HOME, when set. */
  dataHome?: string
  /** $APPIMAGE, when running from an AppImage. */
  appImage?: string
  execPath: string
}

export function xdgEnvFrom(env: NodeJS.ProcessEnv, home: string, execPath: string): XdgEnv {
  const out: XdgEnv = { home, execPath }
  // The spec says a relative value is invalid and must be ignored.
  if (env.XDG_CONFIG_HOME?.startsWith('/')) out.configHome = env.XDG_CONFIG_HOME
  if (env.XDG_DATA_HOME?.startsWith('/')) out.dataHome = env.XDG_DATA_HOME
  if (env.APPIMAGE?.startsWith('/')) out.appImage = env.APPIMAGE
  return out
}

export function autostartFile(env: XdgEnv): string {
  return join(env.configHome ?? join(env.home, '.config'), 'autostart', DESKTOP_FILE)
}

export function applicationsFile(env: XdgEnv): string {
  return join(env.dataHome ?? join(env.home, '.local', 'share'), 'applications', DESKTOP_FILE)
}

/**
 * One argument of an Exec key, quoted as the Desktop Entry spec asks: inside
 * double quotes `"`, `` ` ``, `$` and `\` are escaped, then every backslash is
 * doubled again (string-value escaping); `%` is doubled so it is not a field code.
 */
export function quoteExecArg(arg: string): string {
  const quoted = `"${arg.replace(/(["`$\\])/g, '\\$1')}"`
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%')
}

function program(env: XdgEnv): string {
  return quoteExecArg(env.appImage ?? env.execPath)
}

export function autostartEntry(env: XdgEnv): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Switchboard',
    'Comment=Starts Switchboard in the tray at login',
    `Exec=${program(env)} ${HIDDEN_FLAG}`,
    'Icon=switchboard',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

export function applicationsEntry(env: XdgEnv): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Switchboard',
    'Comment=Desktop companion for cloud PBX agents',
    `Exec=${program(env)} %U`,
    'Icon=switchboard',
    'Terminal=false',
    'Categories=Office;',
    `MimeType=${SCHEMES.map((s) => `x-scheme-handler/${s};`).join('')}`,
    '',
  ].join('\n')
}

/** Written through a temporary file, so a desktop never reads half an entry. */
async function writeIfChanged(path: string, text: string): Promise<boolean> {
  const current = await readFile(path, 'utf8').catch(() => null)
  if (current === text) return false
  await mkdir(join(path, '..'), { recursive: true })
  const temp = `${path}.${process.pid}.tmp`
  await writeFile(temp, text, { mode: 0o644 })
  await rename(temp, path)
  return true
}

/** Start at login (or not). Written again when the AppImage moved. */
export async function setXdgAutostart(env: XdgEnv, enabled: boolean): Promise<void> {
  const path = autostartFile(env)
  if (enabled) await writeIfChanged(path, autostartEntry(env))
  else await rm(path, { force: true })
}

/** For an AppImage only (deb and rpm install their own entry). True when written. */
export async function installAppImageEntry(env: XdgEnv): Promise<boolean> {
  if (!env.appImage) return false
  return writeIfChanged(applicationsFile(env), applicationsEntry(env))
}

export interface HiddenStartFacts {
  argv: readonly string[]
  /** macOS: the login item opened the app hidden (older macOS) or at login. */
  wasOpenedAsHidden?: boolean
  wasOpenedAtLogin?: boolean
}

/** Started at login: the tray only, no window until the agent asks for it. */
export function startsHidden(facts: HiddenStartFacts): boolean {
  return (
    facts.argv.includes(HIDDEN_FLAG) ||
    facts.wasOpenedAsHidden === true ||
    facts.wasOpenedAtLogin === true
  )
}
