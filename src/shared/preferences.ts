/**
 * The user's preferences: validated with this schema on load (settings file) and
 * on every change (IPC). Additive fields carry defaults, so an older file loads.
 */
import { z } from 'zod'

const MODIFIERS = new Set(
  'commandorcontrol cmdorctrl command cmd control ctrl alt option altgr shift super meta'.split(
    ' ',
  ),
)

/**
 * A global shortcut with no modifier would take a plain key (or F-key) from every
 * app on the desktop, and each press would read the clipboard: a modifier is needed.
 */
export function hasModifierAndKey(accelerator: string): boolean {
  const parts = accelerator.split('+').map((p) => p.toLowerCase())
  const key = parts.at(-1) ?? ''
  return (
    parts.length >= 2 &&
    key !== '' &&
    !MODIFIERS.has(key) &&
    parts.slice(0, -1).every((p) => MODIFIERS.has(p))
  )
}

/**
 * A group of colleagues the agent made for the board. No PBX we speak carries a
 * department with its lamps, so groups are the agent's own. Members are board keys
 * (`accountId/extension`), so a group can gather colleagues of several accounts.
 */
export const boardGroupSchema = z.object({
  name: z.string().trim().min(1).max(40),
  members: z.array(z.string().min(1).max(200)).max(5000),
})
export type BoardGroup = z.output<typeof boardGroupSchema>

export const preferencesSchema = z.object({
  language: z.enum(['system', 'en', 'da', 'ru']).default('system'),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** ISO 3166 country used to read national numbers, e.g. `DK`. */
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default('DK'),
  /** How an incoming call is announced; some agents only dial. */
  incomingAlert: z.enum(['popup', 'notification', 'both', 'none']).default('both'),
  /** Ask before dialling a number that came from a link, the clipboard or the shortcut. */
  confirmDial: z.boolean().default(true),
  /** Electron accelerator for "dial the selected text". */
  dialShortcut: z
    .string()
    .max(60)
    .regex(/^[A-Za-z0-9+]+$/)
    .refine(hasModifierAndKey, 'needs a modifier (Ctrl, Alt, Shift, Cmd or Super) and one key')
    .default('CommandOrControl+Shift+D'),
  autoLaunch: z.boolean().default(false),
  /**
   * Open tel:, callto: and sip: links with Switchboard. Off until the user turns
   * it on: on macOS and Linux it takes the schemes from whatever app had them.
   */
  handleLinks: z.boolean().default(false),
  /** Closing the window keeps Switchboard in the tray. */
  closeToTray: z.boolean().default(true),
  /** Set once the "still running in the tray" hint was shown. */
  trayHintShown: z.boolean().default(false),
  /** Calls poll interval while a call is live or the window has focus (ms). */
  callsActiveMs: z.number().int().min(500).max(10_000).default(1000),
  /** Calls poll interval when idle (ms). */
  callsIdleMs: z.number().int().min(1000).max(60_000).default(3000),
  /** Requests per minute per account the app allows itself. */
  budgetPerMinute: z.number().int().min(20).max(1000).default(120),
  /** CRM page for a caller, `https://…{number}…`; empty: none. See shared/screen-pop.ts. */
  screenPopUrl: z.string().trim().max(500).default(''),
  /** The origin the user confirmed for `screenPopUrl`; nothing else is opened. */
  screenPopOrigin: z.string().max(200).default(''),
  /** Open the CRM page by itself when the agent answers a call. */
  screenPopOnAnswer: z.boolean().default(false),
  /** The agent's own groups on the presence board, in the order shown. */
  boardGroups: z
    .array(boardGroupSchema)
    .max(50)
    .refine(
      (groups) => new Set(groups.map((g) => g.name)).size === groups.length,
      'group names repeat',
    )
    .default([]),
  /** The board as tiles, or as a compact list of one line per colleague. */
  boardView: z.enum(['tiles', 'list']).default('tiles'),
})

export type Preferences = z.output<typeof preferencesSchema>

/** A field as the user gives it: the same checks, no default filled in. */
type Given<S extends z.ZodType> = z.ZodOptional<S extends z.ZodDefault<infer Inner> ? Inner : S>
type Patchable = Omit<(typeof preferencesSchema)['shape'], 'screenPopOrigin'>

/**
 * Zod 4 fills a default in even inside `.partial()`: a patch of one field would
 * come back with every other field at its default and reset the user's choices.
 * The patch schema is built from the fields without their defaults.
 */
function patchShape(): { [K in keyof Patchable]: Given<Patchable[K]> } {
  const shape: Record<string, z.ZodType> = {}
  for (const [key, field] of Object.entries(preferencesSchema.shape)) {
    if (key === 'screenPopOrigin') continue
    shape[key] = (field instanceof z.ZodDefault ? field.unwrap() : field).optional()
  }
  return shape as { [K in keyof Patchable]: Given<Patchable[K]> }
}

/**
 * What the renderer may change in one request: any subset, each field checked,
 * nothing else touched. Not `screenPopOrigin`: only main sets it, after the user
 * confirmed the site in a native dialog (`crm:confirm`), so a compromised window
 * cannot allow a site.
 */
export const preferencesPatchSchema = z.object(patchShape()).strict()
export type PreferencesPatch = z.input<typeof preferencesPatchSchema>
