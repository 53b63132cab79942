/**
 * The app's own vocabulary, independent of any PBX. Every dialect is normalised
 * into these shapes; the renderer sees nothing else. No type here carries a secret.
 */

export const dialects = ['pbxcloud', 'restv1', 'jade'] as const
export type Dialect = (typeof dialects)[number]

/** What the renderer may know about an account: never a credential. */
export interface AccountSummary {
  id: string
  dialect: Dialect
  displayName: string
  /** The agent's own extension or account on the PBX (e.g. `402-DEMO`). */
  ownExtension: string
  /** True for the embedded demo PBX account used when nothing is configured. */
  demo: boolean
}

export interface AppInfo {
  name: string
  version: string
  platform: string
  /** `electron` inside the desktop app, `browser` through the development bridge. */
  shell: 'electron' | 'browser'
}
