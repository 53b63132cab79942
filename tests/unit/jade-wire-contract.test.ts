/**
 * The jade readers over every answer in tests/fixtures/wire/jade (written from
 * seed 004 and jade's source, never from the demo; sources in its README). A
 * fixture without a reader here fails the suite.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/result'
import { callsOf, groupByCall } from '../../src/main/providers/jade/calls'
import {
  membershipsOf,
  messageOf,
  parkedOf,
  presenceOf,
  presenceState,
  roomOf,
} from '../../src/main/providers/jade/normalise'
import {
  listOf,
  parseAnswer,
  recordOf,
  text,
  timeOf,
  TokenRejected,
} from '../../src/main/providers/jade/parse'
import {
  colleaguesOf,
  contactsOf,
  deviceOfContact,
  devicesByUser,
} from '../../src/main/providers/jade/directory'
import {
  colleagueOfUser,
  membersOf,
  userColleagues,
} from '../../src/main/providers/jade/user-roster'

const dir = join(__dirname, '..', 'fixtures', 'wire', 'jade')
const read = (name: string): { status: number; body: string } => {
  const body = readFileSync(join(dir, name), 'utf8')
  const status = (JSON.parse(body) as { statuscode: number }).statuscode
  return { status, body }
}
const result = (name: string, what = name): unknown => {
  const { status, body } = read(name)
  return parseAnswer(status, body, what)
}
const list = (name: string) => listOf(result(name), name)
const thrown = (fn: () => unknown): unknown => {
  try {
    fn()
  } catch (error) {
    return error
  }
  return undefined
}
const selfId = '59e3a7d5-b05f-43cd-abdf-db7009eed6cf'
const buddyId = '980404a2-f509-4140-9c92-96a018d1b61c'
const now = Date.UTC(2018, 4, 3, 9)

const readers: Record<string, () => void> = {
  'agents-list.json': () => {
    expect(list('agents-list.json').map((a) => text(a, 'id'))).toEqual(['1001', '1002'])
  },
  'device-states-list.json': () => {
    // Names only: no lamp can be read from the list itself (J1).
    const rows = list('device-states-list.json')
    expect(rows.every((r) => text(r, 'state') === '')).toBe(true)
    const lamps = presenceOf([{ extension: '1001', name: 'A' }], rows, new Map(), 'a', now)
    expect(lamps[0]?.state).toBe('unknown')
  },
  'device-state-detail.json': () => {
    const row = recordOf(result('device-state-detail.json'), 'device state')
    expect(presenceState(text(row, 'state'))).toBe('offline')
    expect(timeOf(row.tm_update)).toBe(Date.UTC(2017, 3, 4, 23, 8, 40, 878))
  },
  'admin-core-channels.json': () => {
    const groups = groupByCall(list('admin-core-channels.json'))
    const ctx = {
      accountId: 'a',
      ownExtension: 'pjagent-01',
      directory: { names: new Map<string, string>() },
      now,
      queueOf: new Map<string, string>(),
    }
    const calls = callsOf(groups, 'pjagent-01', ctx)
    expect(calls).toHaveLength(1)
    // The agent's own channel runs Queue, unique id = linked id: the agent called in.
    expect(calls[0]).toMatchObject({ state: 'ringing', direction: 'outbound', placedBy: 'agent' })
    expect(calls.every((c) => c.placedBy !== undefined)).toBe(true)
  },
  'me-calls.json': () => {
    const groups = groupByCall(list('me-calls.json'))
    const ctx = {
      accountId: 'a',
      ownExtension: '199',
      directory: { names: new Map<string, string>() },
      now,
      queueOf: new Map<string, string>(),
    }
    const calls = callsOf(groups, '199', ctx)
    expect(calls).toHaveLength(1)
    expect(calls[0]?.placedBy).toBeDefined()
  },
  'admin-login.json': () => {
    expect(text(recordOf(result('admin-login.json'), 'sign-in'), 'authtoken')).toMatch(
      /^[0-9a-f-]{36}$/,
    )
  },
  'me-login.json': () => {
    expect(text(recordOf(result('me-login.json'), 'sign-in'), 'authtoken')).toMatch(
      /^[0-9a-f-]{36}$/,
    )
  },
  'admin-park-parkedcalls.json': () => {
    const parked = parkedOf(list('admin-park-parkedcalls.json'), 'a', now)
    expect(parked).toEqual([
      expect.objectContaining({ slot: '701', parkedBy: 'pjagent-01', parkedAt: now }),
    ])
  },
  'admin-queue-entries.json': () => {
    const entries = list('admin-queue-entries.json')
    expect(entries.length).toBeGreaterThan(0)
    // The seed's caller has `"wait": null`: no longest wait is made up from it.
    const [mine] = membershipsOf(
      list('admin-queue-members.json'),
      list('admin-queue-queues.json'),
      'agent-02',
      'a',
      { list: entries, at: now },
    )
    expect(mine?.queueId).toBe('sales_1')
    expect(mine?.waitingSince).toBeUndefined()
  },
  'admin-queue-members.json': () => {
    const queues = list('admin-queue-queues.json')
    const mine = membershipsOf(list('admin-queue-members.json'), queues, 'agent-02', 'a')
    expect(mine).toEqual([expect.objectContaining({ queueId: 'sales_1', paused: false })])
  },
  'admin-queue-queues.json': () => {
    expect(list('admin-queue-queues.json').map((q) => text(q, 'name'))).toContain('sales_1')
  },
  'admin-user-users.json': () => {
    const users = list('admin-user-users.json')
    const colleagues = colleaguesOf([], { users, contacts: [] }, selfId)
    // Nobody has a device in this directory, so nobody is a colleague; no password is read.
    expect(colleagues).toEqual([])
    const withDevices = colleaguesOf(
      [],
      { users, contacts: list('admin-user-contacts.json') },
      'ed629979-802b-40f0-9098-b30b2988f9b6',
    )
    expect(JSON.stringify(withDevices)).not.toMatch(/test1"|admin"|password/)
  },
  'admin-user-contacts.json': () => {
    const devices = devicesByUser(list('admin-user-contacts.json'))
    // The FIRST contact of a user is the one jade calls.
    expect(devices.get(buddyId)).toEqual({ extension: '200', device: 'PJSIP/200' })
    expect(devices.get(selfId)).toEqual({ extension: '199', device: 'PJSIP/199' })
  },
  'admin-user-contacts-code.json': () => {
    // jade's own API writes no type: the contact is the PJSIP endpoint it checked.
    const devices = devicesByUser(list('admin-user-contacts-code.json'))
    expect(devices.get(selfId)).toEqual({ extension: '199', device: 'PJSIP/199' })
  },
  'me-buddies.json': () => {
    const buddies = list('me-buddies.json')
    // A user token alone: the buddy is known, nameless and without a device (J2).
    const alone = colleaguesOf(buddies, undefined, selfId)
    expect(alone).toEqual([{ userId: buddyId, extension: '', device: '', name: '' }])
    expect(contactsOf(alone, '', 'a')).toEqual([])
    // With the admin's lists, the buddy gets its device and so a lamp and a number.
    const users = [{ uuid: buddyId, name: 'Lars', username: 'lars', password: 'x' }]
    const office = colleaguesOf(
      buddies,
      { users, contacts: list('admin-user-contacts.json') },
      selfId,
    )
    expect(office).toEqual([
      { userId: buddyId, extension: '200', device: 'PJSIP/200', name: 'Lars' },
    ])
    expect(contactsOf(office, 'lar', 'a')[0]?.numbers).toEqual([
      { label: 'extension', number: '200' },
    ])
  },
  'me-contacts.json': () => {
    const rows = list('me-contacts.json')
    const devices = rows.map(deviceOfContact)
    expect(devices).toEqual([{ extension: '199', device: 'PJSIP/199' }])
    expect(JSON.stringify(devices)).not.toContain('password')
  },
  'me-info.json': () => {
    const info = recordOf(result('me-info.json'), 'user')
    expect(text(info, 'uuid')).toBe(selfId)
    expect(listOf(info.contacts, 'devices').map(deviceOfContact)[0]?.device).toBe('PJSIP/199')
  },
  'me-info-code.json': () => {
    const info = recordOf(result('me-info-code.json'), 'user')
    expect(text(info, 'uuid')).toBe(selfId)
    // jade's code sends no devices here: the agent's own come from /v1/me/contacts.
    expect(info).not.toHaveProperty('contacts')
    expect(info).not.toHaveProperty('password')
  },
  'me-chats-code.json': () => {
    const chats = list('me-chats-code.json')
    expect(chats.map((c) => roomOf(c, 'a').name)).toEqual(['test chat name'])
    const members = membersOf(chats)
    expect(userColleagues([], members, new Set(['PJSIP/test']), selfId)).toEqual([
      { userId: buddyId, extension: 'test', device: 'PJSIP/test', name: 'test name' },
    ])
  },
  'me-search.json': () => {
    const [user] = list('me-search.json')
    expect(colleagueOfUser(user!, new Set())).toMatchObject({ userId: buddyId, name: 'test name' })
  },
  'me-search-404.json': () => {
    // No user has that login: the provider reads this 404 as "nobody found".
    expect((thrown(() => result('me-search-404.json')) as AppError).kind).toBe('not_found')
  },
  'me-chats.json': () => {
    const rooms = list('me-chats.json').map((c) => roomOf(c, 'a'))
    expect(rooms[0]).toMatchObject({ name: 'test chat name', unread: 0 })
  },
  'me-chat-messages.json': () => {
    const messages = list('me-chat-messages.json').map((m) =>
      messageOf(m, 'room', selfId, new Map(), 'a'),
    )
    expect(messages.map((m) => m.sentAt)).toEqual([
      Date.UTC(2018, 2, 27, 10, 26, 14, 452),
      Date.UTC(2018, 2, 27, 8, 30, 50, 225),
    ])
    expect(messages.every((m) => m.own)).toBe(true)
  },
  'error-404-login.json': () => {
    const error = thrown(() => result('error-404-login.json', 'the sign-in'))
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).kind).toBe('not_found')
  },
  'error-400-no-basic.json': () => {
    expect((thrown(() => result('error-400-no-basic.json')) as AppError).kind).toBe(
      'invalid_argument',
    )
  },
  'error-403-token.json': () => {
    expect(thrown(() => result('error-403-token.json'))).toBeInstanceOf(TokenRejected)
  },
}

describe('jade readers over the wire fixtures', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'))

  it('every fixture has a reader and every reader a fixture', () => {
    expect(files.sort()).toEqual(Object.keys(readers).sort())
  })

  it.each(files)('%s reads as the documents say', (file) => {
    readers[file]!()
  })

  it.each(files)('%s reads the same as a bare array and as result.list', (file) => {
    const { status, body } = read(file)
    const data = JSON.parse(body) as { result?: unknown }
    if (status >= 400 || data.result === undefined) return
    const items = Array.isArray(data.result)
      ? data.result
      : (data.result as { list?: unknown }).list
    if (!Array.isArray(items)) return
    const bare = JSON.stringify({ ...data, result: items })
    const wrapped = JSON.stringify({ ...data, result: { list: items } })
    expect(listOf(parseAnswer(status, bare, file), file)).toEqual(
      listOf(parseAnswer(status, wrapped, file), file),
    )
  })
})
