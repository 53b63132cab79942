/** The REST face's routing table: which handler answers which method and path. */
import * as calls from './restv1-calls'
import type { Reply, RestCtx } from './restv1-context'
import * as media from './restv1-media'
import * as reads from './restv1-reads'

export type Handler = (ctx: RestCtx) => Reply
export interface Route {
  method: string
  parts: string[]
  name: string
  handler: Handler
  write: boolean
  basic?: boolean
}

const routeTable: [string, string, Handler, { write?: boolean; basic?: boolean }?][] = [
  ['GET', '/client/:client/extension', reads.listExtensions],
  ['GET', '/client/:client/current_calls', calls.listClientCalls],
  ['GET', '/extension/registration', reads.registrations],
  ['GET', '/extension/:ext/extension', reads.getExtension],
  ['GET', '/extension/:ext/registration', reads.registration],
  ['GET', '/extension/:ext/current_calls', calls.listCalls],
  ['GET', '/extension/:ext/current_calls/:call', calls.getCall],
  ['PUT', '/extension/:ext/current_calls/:call', calls.updateCall, { write: true }],
  ['DELETE', '/extension/:ext/current_calls/:call', calls.hangupCall, { write: true }],
  ['POST', '/extension/:ext/callback', calls.callback, { write: true }],
  ['PUT', '/extension/:ext/valet_park/:call', calls.valetPark, { write: true }],
  ['GET', '/extension/:ext/agent', reads.listAgents],
  ['GET', '/extension/:ext/agent/:agent', reads.getAgent],
  ['PUT', '/extension/:ext/agent/:agent', reads.updateAgent, { write: true }],
  ['GET', '/extension/:ext/queue/agents/local', reads.queueAgents],
  ['GET', '/extension/:ext/queue/status', reads.queueStatus],
  ['GET', '/extension/:ext/queue/status/agents', reads.queueAgentStatus],
  ['GET', '/extension/:ext/queue/status/members', reads.queueMembers],
  ['GET', '/extension/:ext/record', media.extensionRecords],
  ['GET', '/extension/:ext/record/:record', media.recordAudio],
  ['GET', '/extension/:ext/record/:record/download', media.recordAudio, { basic: true }],
  ['GET', '/extension/:ext/voicemail/:record', media.voicemailAudio],
  ['GET', '/extension/:ext/chat/:chat/messages', media.listChat],
  ['PUT', '/extension/:ext/chat/:chat/messages', media.markChat, { write: true }],
  ['DELETE', '/extension/:ext/chat/:chat/messages', media.deleteChat, { write: true }],
]

export const routes: Route[] = routeTable.map(([method, pattern, handler, flags]) => ({
  method,
  parts: pattern.split('/').filter(Boolean),
  name: `${method} ${pattern.replace(/:(\w+)/g, '{$1}')}`,
  handler,
  write: flags?.write ?? false,
  ...(flags?.basic ? { basic: true } : {}),
}))

/** Path segments, trailing slash or not. */
export const segments = (path: string): string[] =>
  path.split('/').filter(Boolean).map(decodeURIComponent)

export function match(route: Route, parts: string[]): Record<string, string> | undefined {
  if (route.parts.length !== parts.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < parts.length; i++) {
    const want = route.parts[i] ?? ''
    const got = parts[i] ?? ''
    if (want.startsWith(':')) params[want.slice(1)] = got
    else if (want !== got) return undefined
  }
  return params
}
