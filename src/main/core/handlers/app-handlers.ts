/**
 * The request handlers of the IPC contract. Arguments arrive validated by the
 * dispatcher; numbers are parsed once more by shared/dialable.ts before anything
 * reaches a PBX, so no raw input is ever dialled.
 */
import { need } from '../../providers/facets'
import type { StateSnapshot } from '../../../shared/ipc'
import { dialRefused, parseDialable } from '../../../shared/dialable'
import type { AccountSummary, AppInfo, Flow, Voicemail } from '../../../shared/model'
import type { Preferences, PreferencesPatch } from '../../../shared/preferences'
import { AppError } from '../../../shared/result'
import type { Handlers } from '../app/dispatch'
import type { Session } from '../session/session'

export interface HandlerDeps {
  info: AppInfo
  summaries(): AccountSummary[]
  snapshot(): Promise<StateSnapshot>
  session(accountId: string): Session
  defaultCountry(): string
  now(): number
  emitFlows(accountId: string, flows: Flow[]): void
  preferences(): Preferences
  setPreferences(patch: PreferencesPatch): Promise<Preferences>
}

type AccountHandlers = Pick<
  Handlers,
  | 'accounts:configs'
  | 'accounts:test'
  | 'accounts:save'
  | 'accounts:remove'
  | 'accounts:reconnect'
  | 'crm:open'
  | 'crm:confirm'
  | 'contact:show'
  | 'log:write'
  | 'diagnostics:copy'
  | 'update:status'
  | 'update:restart'
>

export function createHandlers(deps: HandlerDeps & AccountHandlers): Handlers {
  const dialable = (input: string): string => {
    const parsed = parseDialable(input, { defaultCountry: deps.defaultCountry() })
    if (!parsed.ok) throw dialRefused(parsed)
    return parsed.number
  }
  const voicemail = (accountId: string, id: string): Voicemail => {
    const found = deps
      .session(accountId)
      .snapshot()
      .voicemail.find((v) => v.id === id)
    if (!found)
      throw new AppError('not_found', 'That voicemail is no longer there.', undefined, {
        code: 'voicemail.gone',
      })
    return found
  }

  return {
    'app:info': () => deps.info,
    'accounts:list': () => deps.summaries(),
    'state:snapshot': () => deps.snapshot(),
    'call:dial': async ({ accountId, number }) => {
      const target = dialable(number)
      const result = await deps.session(accountId).dial(target)
      return result.callId ? { number: target, callId: result.callId } : { number: target }
    },
    'call:hangup': async ({ accountId, callId }) => {
      await deps.session(accountId).hangup(callId)
      return null
    },
    'call:transfer': async ({ accountId, callId, destination, attended }) => {
      const session = deps.session(accountId)
      const target = dialable(destination)
      if (attended) await session.attendedTransfer(callId, target)
      else await session.transfer(callId, target)
      return null
    },
    'call:hold': async ({ accountId, callId, hold }) => {
      const session = deps.session(accountId)
      if (hold) await session.hold(callId)
      else await session.resume(callId)
      return null
    },
    'call:pickupAt': async ({ accountId, extension }) => {
      await deps.session(accountId).pickupAt(extension)
      return null
    },
    'call:cancelTransfer': async ({ accountId, callId }) => {
      await deps.session(accountId).cancelTransfer(callId)
      return null
    },
    'call:park': async ({ accountId, callId }) => {
      await deps.session(accountId).park(callId)
      return null
    },
    'call:pickup': async ({ accountId, callId }) => {
      await deps.session(accountId).pickup(callId)
      return null
    },
    'call:hangupParked': async ({ accountId, callId }) => {
      await deps.session(accountId).hangupParked(callId)
      return null
    },
    'queue:pause': async ({ accountId, queueId, reason }) => {
      // Confirmed by a queues poll at once, not at the next slow one.
      await deps.session(accountId).pauseQueue(queueId, reason)
      return null
    },
    'queue:resume': async ({ accountId, queueId }) => {
      await deps.session(accountId).resumeQueue(queueId)
      return null
    },
    'voicemail:delete': async ({ accountId, voicemailId }) => {
      const target = voicemail(accountId, voicemailId)
      await deps
        .session(accountId)
        .command((p) => need(p, 'deleteVoicemail')(target), ['voicemail'])
      return null
    },
    'voicemail:markHeard': async ({ accountId, voicemailId }) => {
      await deps.session(accountId).markHeard(voicemail(accountId, voicemailId))
      return null
    },
    'history:list': ({ accountId }) => deps.session(accountId).history(deps.now()),
    'contacts:search': async ({ accountId, query }) =>
      deps.session(accountId).read((p) => need(p, 'searchContacts')(query)),
    'contacts:add': async ({ accountId, name, number, company, email }) => {
      // Stored the way it would be dialled, so a later search and call find it.
      const stored = dialable(number)
      return deps.session(accountId).read((p) =>
        need(
          p,
          'addContact',
        )({
          name,
          numbers: [{ label: 'phone', number: stored }],
          ...(company ? { company } : {}),
          ...(email ? { email } : {}),
        }),
      )
    },
    'flow:set': async ({ accountId, flowId, active }) => {
      const session = deps.session(accountId)
      const flows = await session.command(async (p) => {
        await need(p, 'setFlow')(flowId, active)
        return need(p, 'flows')()
      })
      deps.emitFlows(accountId, flows)
      return null
    },
    'chat:rooms': ({ accountId }) => deps.session(accountId).read((p) => need(p, 'chatRooms')()),
    'chat:messages': ({ accountId, roomId, before, count }) =>
      deps.session(accountId).read((p) => need(p, 'chatMessages')(roomId, before, count)),
    'chat:send': ({ accountId, roomId, text }) =>
      deps.session(accountId).read((p) => need(p, 'sendChat')(roomId, text)),
    'accounts:configs': deps['accounts:configs'],
    'accounts:test': deps['accounts:test'],
    'accounts:save': deps['accounts:save'],
    'accounts:remove': deps['accounts:remove'],
    'accounts:reconnect': deps['accounts:reconnect'],
    'crm:open': deps['crm:open'],
    'crm:confirm': deps['crm:confirm'],
    'contact:show': deps['contact:show'],
    'log:write': deps['log:write'],
    'diagnostics:copy': deps['diagnostics:copy'],
    'update:status': deps['update:status'],
    'update:restart': deps['update:restart'],
    'settings:get': () => deps.preferences(),
    'settings:set': (patch) => deps.setPreferences(patch),
  }
}
