/**
 * Account settings as stored on disk and edited in the UI: everything except the
 * secrets, which live in the OS keychain under the account's id.
 */
import { z } from 'zod'
import { eventUrlProblem } from './event-url'

export const accountIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')

const common = {
  id: accountIdSchema,
  displayName: z.string().trim().min(1).max(80),
}

const httpsUrl = z
  .string()
  .max(400)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL')

export const pbxcloudConfigSchema = z.object({
  ...common,
  dialect: z.literal('pbxcloud'),
  baseUrl: httpsUrl.default('https://portal.pbxcloud.eu/pbx/proxyapi.php'),
  tenant: z.string().trim().min(1).max(64),
  /** The agent's own extension/account, e.g. `402-DEMO`. */
  ownExtension: z.string().trim().min(1).max(64),
})

export const restv1ConfigSchema = z.object({
  ...common,
  dialect: z.literal('restv1'),
  host: httpsUrl.default('https://apiproxy.telphin.ru'),
  clientId: z.string().trim().min(1).max(128),
  /** Found through `/user/` when not given. */
  extensionId: z.string().trim().max(32).optional(),
  ownExtension: z.string().trim().max(64).default(''),
})

export const jadeConfigSchema = z.object({
  ...common,
  dialect: z.literal('jade'),
  baseUrl: httpsUrl,
  username: z.string().trim().min(1).max(128),
  /** Supervisor login for channels, parked calls and queues (its password is in the keychain). */
  adminUsername: z.string().trim().max(128).optional(),
  /** The event socket; default `wss://<host>:8083/`; ws:// only to this computer. */
  wsUrl: z
    .string()
    .trim()
    .max(400)
    .superRefine((u, ctx) => {
      const problem = eventUrlProblem(u)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
    .optional(),
  ownExtension: z.string().trim().max(64).default(''),
  /** SHA-256 fingerprint of a self-signed certificate the user chose to trust. */
  pinnedFingerprint: z
    .string()
    .regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    .optional(),
})

export const accountConfigSchema = z.discriminatedUnion('dialect', [
  pbxcloudConfigSchema,
  restv1ConfigSchema,
  jadeConfigSchema,
])

export type AccountConfig = z.output<typeof accountConfigSchema>
