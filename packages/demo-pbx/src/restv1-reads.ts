/**
 * REST reads of the office: extensions, presence, queues and agents. Records,
 * voicemail and chat are in restv1-media.ts; calls in restv1-calls.ts.
 */
import { legsOf } from './call-legs'
import { RestError } from './restv1-auth'
import { jsonBody, ok, paged, param, type RestCtx, type Reply } from './restv1-context'
import { inQueue } from './restv1-entries'
import { extensionObject, registrationObject, type Json } from './restv1-format'
import { gmt } from './restv1-ids'
import type { Extension, Queue } from './pbx-types'

/** The most ids one `GET /extension/registration/` takes. */
export const maxRegistrationIds = 100

export function listExtensions(ctx: RestCtx): Reply {
  const type = ctx.query.get('type')
  if (type !== null && type !== 'phone' && type !== 'queue') {
    throw new RestError(400, 'Invalid type: one of phone, queue')
  }
  const all = ctx.ids.all().filter((t) => type === null || t.type === type)
  return paged(
    ctx,
    all.map((t) => extensionObject(ctx.ids, ctx.clientNumId, t)),
  )
}

export function getExtension(ctx: RestCtx): Reply {
  const target = ctx.ids.mustTarget(param(ctx, 'ext'))
  return ok(extensionObject(ctx.ids, ctx.clientNumId, target))
}

export function registration(ctx: RestCtx): Reply {
  const ext = ctx.ids.mustPhone(param(ctx, 'ext'))
  return ok(registrationObject(ctx.ids, ext, ctx.pbx.clock.now()))
}

/** Many phones in one request; unknown ids are left out so one deleted phone breaks nothing. */
export function registrations(ctx: RestCtx): Reply {
  const raw = ctx.query.getAll('extension_id').flatMap((v) => v.split(','))
  if (raw.length === 0) throw new RestError(400, 'Missing parameter: extension_id')
  if (raw.length > maxRegistrationIds) {
    throw new RestError(400, `At most ${maxRegistrationIds} extension_id values`)
  }
  const out: Json[] = []
  for (const id of raw) {
    if (!/^\d{1,9}$/.test(id.trim())) throw new RestError(400, `Invalid extension_id: ${id}`)
    const target = ctx.ids.target(Number(id))
    if (target?.type === 'phone') {
      out.push(registrationObject(ctx.ids, target.ext, ctx.pbx.clock.now()))
    }
  }
  return ok(out)
}

// --- agents and queues ----------------------------------------------------------------

function queuesOf(ctx: RestCtx, ext: Extension): Queue[] {
  return ctx.pbx.queues
    .list(ctx.tenant)
    .filter((q) => q.agents.some((a) => a.extension === ext.number))
}

/** Logged out when paused in every queue; the seed's agent has one status. */
function agentStatus(ctx: RestCtx, ext: Extension): 'available' | 'logged_out' {
  const mine = queuesOf(ctx, ext).flatMap((q) => q.agents.filter((a) => a.extension === ext.number))
  return mine.length > 0 && mine.every((a) => a.paused) ? 'logged_out' : 'available'
}

function agentObject(ctx: RestCtx, ext: Extension): Json {
  return {
    id: ctx.ids.agentId(ext.number),
    extension_id: ctx.ids.phoneId(ext.number),
    name: ext.name,
    status: agentStatus(ctx, ext),
    agent_sound_id: null,
    busy_delay_time: 10,
    no_answer_delay_time: 10,
    call_timeout: 60,
    wrap_up_time: 0,
    reject_delay_time: 10,
    extra_params: '',
  }
}

export function listAgents(ctx: RestCtx): Reply {
  const ext = ctx.ids.mustPhone(param(ctx, 'ext'))
  return ok(queuesOf(ctx, ext).length > 0 ? [agentObject(ctx, ext)] : [])
}

function mustAgent(ctx: RestCtx): Extension {
  const ext = ctx.ids.mustPhone(param(ctx, 'ext'))
  const raw = param(ctx, 'agent')
  const agent = /^\d{1,9}$/.test(raw) ? ctx.ids.phoneOfAgent(Number(raw)) : undefined
  if (!agent || agent !== ext || queuesOf(ctx, ext).length === 0) {
    throw new RestError(404, 'Agent not found')
  }
  return ext
}

export function getAgent(ctx: RestCtx): Reply {
  return ok(agentObject(ctx, mustAgent(ctx)))
}

export function updateAgent(ctx: RestCtx): Reply {
  const ext = mustAgent(ctx)
  const status = jsonBody(ctx).status
  if (status !== undefined && status !== 'available' && status !== 'logged_out') {
    throw new RestError(400, "Invalid status: one of 'logged_out', 'available'")
  }
  for (const q of queuesOf(ctx, ext)) {
    if (status === 'logged_out') ctx.pbx.queues.pause(ctx.tenant, q.id, ext.number)
    if (status === 'available') ctx.pbx.queues.unpause(ctx.tenant, q.id, ext.number)
  }
  return ok(agentObject(ctx, ext))
}

export function queueAgents(ctx: RestCtx): Reply {
  const queue = ctx.ids.mustQueue(param(ctx, 'ext'))
  return ok(
    queue.agents.map((a, i) => ({
      agent_id: ctx.ids.agentId(a.extension),
      position: i + 1,
      level: 1,
    })),
  )
}

function queueCalls(ctx: RestCtx, queue: Queue): ReturnType<RestCtx['pbx']['calls']['active']> {
  return ctx.pbx.calls.active(ctx.tenant).filter((c) => inQueue(c, queue.id))
}

export function queueStatus(ctx: RestCtx): Reply {
  const calls = queueCalls(ctx, ctx.ids.mustQueue(param(ctx, 'ext')))
  const ringing = calls.filter((c) => c.phase === 'ringing')
  return ok({
    answered_members: calls.length - ringing.length,
    waiting_members: ringing.filter((c) => c.ringing.length === 0).length,
    trying_members: ringing.filter((c) => c.ringing.length > 0).length,
  })
}

export function queueAgentStatus(ctx: RestCtx): Reply {
  const queue = ctx.ids.mustQueue(param(ctx, 'ext'))
  const now = ctx.pbx.clock.now()
  const active = ctx.pbx.calls.active(ctx.tenant)
  return ok(
    queue.agents.map((agent) => {
      const ext = ctx.ids.data.extensions.get(agent.extension)
      let state = 'waiting'
      let since: number | undefined
      for (const call of active) {
        for (const leg of legsOf(call)) {
          if (leg.extension !== agent.extension) continue
          if (call.ringing.includes(leg)) state = state === 'waiting' ? 'receiving' : state
          else {
            state = 'in_a_queue_call'
            since = call.answeredAt ?? leg.createdAt
          }
        }
      }
      if (agent.paused || !ext?.registered) state = 'idle'
      return {
        status: agent.paused ? 'logged_out' : 'available',
        state,
        name: ext?.name ?? agent.extension,
        name_fs: String(ctx.ids.agentId(agent.extension)),
        extension_name: ctx.ids.nameOf(agent.extension),
        call_duration: since !== undefined ? Math.round((now - since) / 1000) : 0,
      }
    }),
  )
}

export function queueMembers(ctx: RestCtx): Reply {
  const now = ctx.pbx.clock.now()
  return ok(
    queueCalls(ctx, ctx.ids.mustQueue(param(ctx, 'ext'))).map((call) => {
      const agent = call.b?.extension
      const waitEnd = call.answeredAt ?? now
      return {
        state:
          call.phase !== 'ringing' ? 'answered' : call.ringing.length > 0 ? 'trying' : 'waiting',
        number: call.from.number,
        wait_time: Math.round((waitEnd - call.startedAt) / 1000),
        joined_datetime: gmt(call.startedAt),
        call_api_id: ctx.ids.entryId(call.id, `queue:${call.queueId ?? ''}`),
        serving_agent: agent ? ctx.ids.nameOf(agent) : '',
      }
    }),
  )
}
