/**
 * A user-only jade account's colleagues from what jade's code answers a user
 * token (tests/fixtures/wire/jade, README for the sources): buddies and chat room
 * members, named, a lamp where /device_states lists a device under the login,
 * one found by exact login on /v1/me/search, and a colleague called by user uuid.
 */
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { JadeProvider } from '../../src/main/providers/jade'
import { deviceOfContact } from '../../src/main/providers/jade/directory'
import { listOf, parseAnswer } from '../../src/main/providers/jade/parse'
import {
  colleagueOfUser,
  deviceOfLogin,
  membersOf,
  userColleagues,
} from '../../src/main/providers/jade/user-roster'

const dir = join(__dirname, '..', 'fixtures', 'wire', 'jade')
const fixture = (name: string): string => readFileSync(join(dir, name), 'utf8')
const list = (name: string) => {
  const body = fixture(name)
  return listOf(parseAnswer(200, body, name), name)
}
const selfId = '59e3a7d5-b05f-43cd-abdf-db7009eed6cf'
const testId = '980404a2-f509-4140-9c92-96a018d1b61c'

describe('who a user token can see', () => {
  it('reads room members as jade code sends them and as its docs show them', () => {
    expect(membersOf(list('me-chats-code.json'))).toEqual([
      { userId: selfId, username: 'admin', name: 'teset admin' },
      { userId: testId, username: 'test', name: 'test name' },
    ])
    // seed 004's example: bare uuids, no login or name to show.
    expect(membersOf(list('me-chats.json'))).toEqual([
      { userId: selfId, username: '', name: '' },
      { userId: testId, username: '', name: '' },
    ])
  })

  it('gives a colleague the lamp listed under the login, and no guess otherwise', () => {
    const listed = new Set(['PJSIP/199', 'SIP/test', 'Agent:1001'])
    expect(deviceOfLogin('test', listed)).toEqual({ extension: 'test', device: 'SIP/test' })
    expect(deviceOfLogin('anne', listed)).toBeUndefined()
    expect(deviceOfLogin('', listed)).toBeUndefined()
    expect(deviceOfLogin('a/b', new Set(['PJSIP/a/b']))).toBeUndefined()
  })

  it('names a colleague by name, then the agent’s label, then the login; the agent is not a colleague', () => {
    const buddies = list('me-buddies.json')
    const members = membersOf(list('me-chats-code.json'))
    const listed = new Set(['PJSIP/199', 'PJSIP/test'])
    expect(userColleagues(buddies, members, listed, selfId)).toEqual([
      { userId: testId, extension: 'test', device: 'PJSIP/test', name: 'test name' },
    ])
    const labelled = [{ uuid_user: testId, name: 'Tester' }]
    const nameless = [{ userId: testId, username: 'test', name: '' }]
    expect(userColleagues(labelled, nameless, listed, selfId)[0]?.name).toBe('Tester')
    expect(userColleagues([], nameless, listed, selfId)[0]?.name).toBe('test')
    // Only the buddy's uuid: kept (it can be found by login), but nameless and without a lamp.
    expect(userColleagues(buddies, [], listed, selfId)).toEqual([
      { userId: testId, extension: '', device: '', name: '' },
    ])
  })

  it('reads the one user /v1/me/search answers, never a password', () => {
    const [user] = list('me-search.json')
    expect(colleagueOfUser(user!, new Set())).toEqual({
      userId: testId,
      extension: '',
      device: '',
      name: 'test name',
    })
    expect(colleagueOfUser({ uuid: testId, username: 'test', name: null }, new Set())?.name).toBe(
      'test',
    )
  })
})

describe('the agent’s and colleagues’ devices as jade code writes them', () => {
  it('reads a contact without a type as the PJSIP endpoint jade made it', () => {
    const [row] = list('admin-user-contacts-code.json')
    // user_handler.c create_contact writes no type; jade checked the PJSIP endpoint exists.
    expect(row).toMatchObject({ type: null })
    expect(deviceOfContact(row!)).toEqual({ extension: '199', device: 'PJSIP/199' })
    expect(deviceOfContact({ type: 'sip_peer', target: '7' })).toEqual({
      extension: '7',
      device: 'SIP/7',
    })
    expect(deviceOfContact({ type: 'iax2', target: '7' })).toBeUndefined()
  })
})

describe('a user-only account against what jade code answers', () => {
  let server: Server
  let base = ''
  let posted: unknown[] = []
  let searched: string[] = []
  const made: JadeProvider[] = []

  const answer = (req: IncomingMessage, body: string): [number, string] => {
    const url = new URL(req.url ?? '/', 'http://x')
    const route = `${req.method ?? ''} ${url.pathname}`
    if (route === 'POST /v1/me/login') return [200, fixture('me-login.json')]
    if (route === 'GET /v1/me/info') return [200, info(fixture('me-info-code.json'))]
    if (route === 'GET /v1/me/contacts') return [200, fixture('me-contacts.json')]
    if (route === 'GET /v1/me/buddies') return [200, fixture('me-buddies.json')]
    if (route === 'GET /v1/me/chats') return [200, fixture(chats)]
    if (route === 'GET /device_states')
      return [200, JSON.stringify({ statuscode: 200, result: { list: listedDevices } })]
    if (route === 'GET /device_states/') {
      const device = (JSON.parse(body) as { device: string }).device
      return [200, JSON.stringify({ statuscode: 200, result: { device, state: 'NOT_INUSE' } })]
    }
    if (route === 'GET /v1/me/search') {
      searched.push(`${url.searchParams.get('type')}:${url.searchParams.get('filter')}`)
      return url.searchParams.get('filter') === 'test' &&
        url.searchParams.get('type') === 'username'
        ? [200, fixture('me-search.json')]
        : [404, fixture('me-search-404.json')]
    }
    if (route === 'POST /v1/me/calls') {
      posted.push(JSON.parse(body))
      return [200, JSON.stringify({ api_ver: '0.1', statuscode: 200 })]
    }
    return [404, fixture('me-search-404.json')]
  }
  let listedDevices: { device: string }[] = []
  let chats = 'me-chats-code.json'
  let info = (body: string): string => body

  beforeEach(async () => {
    posted = []
    searched = []
    chats = 'me-chats-code.json'
    info = (body) => body
    listedDevices = [{ device: 'PJSIP/199' }, { device: 'PJSIP/test' }, { device: 'Agent:1001' }]
    server = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      req.on('end', () => {
        const [status, text] = answer(req, body)
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(text)
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterEach(async () => {
    for (const p of made.splice(0)) await p.close()
    await new Promise((resolve) => server.close(resolve))
  })

  const make = (): JadeProvider => {
    const p = new JadeProvider(
      'acc',
      { baseUrl: base, username: 'admin', wsUrl: 'ws://127.0.0.1:1/' },
      { password: 'p' },
      { timeoutMs: 2000 },
    )
    made.push(p)
    return p
  }

  it('shows the colleague with a lamp and a name, and calls them by user uuid', async () => {
    const provider = make()
    await provider.signIn()
    // The agent's own device comes from /v1/me/contacts: jade's /me/info has none.
    const lamps = await provider.presence()
    expect(lamps.map((l) => [l.extension, l.name, l.state])).toEqual([
      ['199', 'teset admin', 'available'],
      ['test', 'test name', 'available'],
    ])
    await provider.dial('test')
    expect(posted).toEqual([{ destination_type: 'user', destination: testId }])
  })

  it('names the agent’s own tile by login when jade has no name for the user', async () => {
    info = (body) => body.replace('"name": "teset admin"', '"name": null')
    const provider = make()
    await provider.signIn()
    expect((await provider.presence())[0]).toMatchObject({ extension: '199', name: 'admin' })
  })

  it('finds a colleague in no list by exact login, and can call them', async () => {
    chats = 'me-chats.json'
    const provider = make()
    await provider.signIn()
    // Only the buddy's uuid is listed when the rooms show bare uuids: nobody to show yet.
    expect(await provider.searchContacts('tes')).toEqual([])
    expect(searched).toEqual(['username:tes'])
    const found = await provider.searchContacts('test')
    expect(found).toEqual([
      expect.objectContaining({
        id: testId,
        name: 'test name',
        numbers: [{ label: 'extension', number: 'test' }],
      }),
    ])
    await provider.dial('test')
    expect(posted).toEqual([{ destination_type: 'user', destination: testId }])
  })
})
