/** The browser bridge's wire format: the IPC contract, one JSON message at a time. */
import { z } from 'zod'
import type { Result } from '../shared/result'

export const bridgeRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  arg: z.unknown().optional(),
})

export type BridgeRequest = z.infer<typeof bridgeRequestSchema>

export type BridgeServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; name: string; payload: unknown }
