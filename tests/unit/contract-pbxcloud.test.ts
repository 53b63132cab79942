/**
 * The PBXCloud provider over answers written from the seeds and PLATFORM-FACTS
 * (tests/fixtures/wire/pbxcloud, sources in its README), not over the demo PBX.
 * Each test names the P-row it holds the provider to.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PbxCloudProvider } from '../../src/main/providers/pbxcloud'
import { AppError } from '../../src/shared/result'
import { fixture, startWireServer, type WireServer } from '../support/wire-server'

const wire = (name: string): string => fixture('pbxcloud', name)

/** `INFO/extensions`, `VOICEMAIL/messages`, `PHONEBOOK/add`, `DIAL`… → fixture file. */
type Routes = Record<string, string>

let server: WireServer | undefined
let provider: PbxCloudProvider | undefined

async function start(routes: Routes, ownExtension = '201-DEMO'): Promise<PbxCloudProvider> {
  server = await startWireServer('/pbx/proxyapi.php', (q) => {
    const reqtype = q.get('reqtype') ?? ''
    const sub = q.get('info') ?? q.get('action') ?? q.get('subreqtype') ?? ''
    const file = routes[`${reqtype}/${sub}`] ?? routes[reqtype]
    return { body: file === undefined ? 'Error|Invalid request type|' : wire(file) }
  })
  provider = new PbxCloudProvider(
    'acc',
    { baseUrl: server.url, tenant: 'DEMO', ownExtension },
    'the-api-key-123',
    { timeoutMs: 2000 },
  )
  return provider
}

async function failure(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error('expected a failure')
}

afterEach(async () => {
  await provider?.close()
  await server?.close()
  provider = undefined
  server = undefined
})

describe('PBXCloud contract: the provider reads what real servers send', () => {
  it('P1: the "Too bad..." text with HTTP 200 is a refused key, even when json was asked', async () => {
    const p = await start({ INFO: 'auth-wrong-key.txt' })
    const error = await failure(() => p.signIn())
    expect(error.kind).toBe('auth')
    expect(error.detail?.code).toBe('auth.bad_credentials')
    expect(server?.seen[0]?.get('format')).toBe('json')
  })

  it('P2: a 0-byte body is an empty list, never an error', async () => {
    const p = await start({
      'INFO/extensions': 'empty.txt',
      CHANNELS: 'empty.txt',
      VOICEMAIL: 'empty.txt',
      'INFO/config': 'empty.txt',
    })
    expect(await p.signIn()).toMatchObject({ ownExtension: '201', details: { tenant: 'DEMO' } })
    expect(await p.calls()).toEqual([])
    expect(await p.voicemails()).toEqual([])
  })

  it.each(['extensions.plain.txt', 'extensions.json'])(
    'P3/P4: signs in and names the agent from %s, keeping no secret',
    async (file) => {
      const p = await start({ 'INFO/extensions': file, 'INFO/config': 'config-varied.json' })
      const identity = await p.signIn()
      expect(identity).toMatchObject({ ownExtension: '201', displayName: 'Mette Nielsen' })
      expect(JSON.stringify(identity)).not.toMatch(/s3cr3t|w3bS3cret|4711/)
    },
  )

  it('P4: a broken extension list is refused without quoting any of its secrets', async () => {
    // The secrets first (column order is the server's), then cut short: unreadable JSON.
    const rows = JSON.parse(wire('extensions.json')) as Record<string, string>[]
    const reordered = rows.map(({ ex_webpassword, ex_vmpassword, ...rest }) => ({
      ex_webpassword,
      ex_vmpassword,
      ...rest,
    }))
    const body = JSON.stringify(reordered).slice(0, 70)
    server = await startWireServer('/pbx/proxyapi.php', () => ({ body }))
    const broken = new PbxCloudProvider(
      'acc',
      { baseUrl: server.url, tenant: 'DEMO', ownExtension: '201-DEMO' },
      'the-api-key-123',
    )
    const error = await failure(() => broken.signIn())
    await broken.close()
    expect(error.kind).toBe('bad_response')
    expect(`${error.message} ${JSON.stringify(error.detail)} ${error.stack}`).not.toMatch(
      /s3cr3t|w3bS3cret|4711/,
    )
  })

  it.each([
    ['agents.json', '4005-DEMO'],
    ['agents-reordered.json', '4005-DEMO'],
    ['agents.plain.txt', '4005-DEMO'],
  ])('P5: finds the agent and the pause in %s by the form of the values', async (file, own) => {
    const p = await start({ 'INFO/queues': 'queues-varied.json', 'INFO/agents': file }, own)
    const queues = await p.queues()
    expect(queues.map((q) => [q.queueId, q.queueName, q.paused])).toEqual([
      ['281', 'Kundeservice', true],
      ['282', 'Support', true],
    ])
    expect(
      server?.seen.filter((q) => q.get('info') === 'agents').map((q) => q.get('queue')),
    ).toEqual(['281', '282'])
  })

  it('P5: an agent not in the list is in no queue; an idle one is not paused', async () => {
    const p = await start(
      { 'INFO/queues': 'queues-varied.json', 'INFO/agents': 'agents.json' },
      '4004-DEMO',
    )
    expect((await p.queues()).map((q) => q.paused)).toEqual([false, false])
    await p.close()
    const q = await start(
      { 'INFO/queues': 'queues-varied.json', 'INFO/agents': 'agents.json' },
      '4099-DEMO',
    )
    expect(await q.queues()).toEqual([])
  })

  it.each(['voicemail-messages.plain.txt', 'voicemail-messages.json'])(
    'P6: lists voicemail from %s with the folder taken from Dir',
    async (file) => {
      const p = await start({ 'VOICEMAIL/messages': file }, '102-DEMO')
      const list = await p.voicemails()
      expect(list).toEqual([
        expect.objectContaining({
          id: '1475685709-00000004',
          mailbox: '102',
          caller: { number: '+4520304050', name: 'Alice Mortensen' },
          durationSec: 12,
          receivedAt: Date.UTC(2016, 9, 5, 16, 41, 49),
          heard: false,
        }),
        expect.objectContaining({ id: '1475600000-00000003', heard: true, durationSec: 7 }),
      ])
    },
  )

  it('P3: the voicemail list table with its trailing pipe is read like any other', async () => {
    const { parseRows } = await import('../../src/main/providers/pbxcloud/parse')
    expect(parseRows(wire('voicemail-list.plain.txt'), ['mailbox'])).toEqual([
      { mailbox: '102', fullname: 'Mette Nielsen', email: 'mette@example.com', attach: 'yes' },
    ])
  })

  it('P7: dial gives back the originate id', async () => {
    const p = await start({ DIAL: 'dial-success.txt' })
    expect(await p.dial('4520304050')).toEqual({ callId: '15a4cfe6429054' })
    expect(server?.seen[0]?.get('format')).toBeNull()
  })

  it('P8: an action answer is pipe text, and its error is typed', async () => {
    const p = await start({ AGENT: 'action-success-format-json.txt' })
    await expect(p.pauseQueue('281', 'Frokost')).resolves.toBeUndefined()
    expect(server?.seen[0]?.get('pausereason')).toBe('Frokost')
    await p.close()
    const q = await start({ HANGUP: 'action-error.txt' })
    const call = {
      id: 'x',
      accountId: 'acc',
      direction: 'inbound' as const,
      placedBy: 'outside' as const,
      state: 'up' as const,
      local: { number: '201' },
      remote: { number: '+4520304050' },
      startedAt: 0,
      handle: { channel: 'SIP/201-DEMO-0000001b' },
    }
    expect((await failure(() => q.hangup(call))).kind).toBe('not_found')
  })

  it('P9: uses the only phone book when none is set, and adding returns the peid', async () => {
    const p = await start({
      PHONEBOOKS: 'phonebooks-one.json',
      'PHONEBOOK/add': 'phonebook-add.txt',
    })
    const added = await p.addContact({
      name: 'Jens Lund',
      numbers: [{ label: 'phone', number: '+4533445566' }],
    })
    expect(added.id).toBe('123')
    expect(server?.seen.at(-1)?.get('phonebook')).toBe('Kunder')
    expect(await p.phonebooks()).toEqual(['Kunder'])
  })

  it('P9: with several phone books and none chosen, contacts say so in words', async () => {
    const p = await start({ PHONEBOOKS: 'phonebooks-two.json' })
    expect(await p.phonebooks()).toEqual(['Kunder', 'Leverandører'])
    const error = await failure(() => p.searchContacts('Alice'))
    expect(error.detail).toEqual({ code: 'not_offered', params: { feature: 'phonebook' } })
    expect(error.message).toMatch(/no phone book chosen/i)
    await p.close()
    const none = await start({ PHONEBOOKS: 'empty.txt' })
    expect((await failure(() => none.searchContacts('Alice'))).message).toMatch(/no phone book/i)
  })

  it('P10: BLFS, FLOWS, CHANNELS and INFO config are read whatever the key case, extras or gaps', async () => {
    const p = await start({
      'INFO/extensions': 'extensions.json',
      'INFO/config': 'config-varied.json',
      BLFS: 'blfs-varied.json',
      FLOWS: 'flows-varied.json',
      CHANNELS: 'channels-varied.json',
    })
    expect((await p.signIn()).details).toEqual({ tenant: 'Demo ApS' })
    const lamps = await p.presence()
    expect(lamps.map((l) => [l.extension, l.state])).toEqual([
      ['201', 'available'],
      ['202', 'busy'],
    ])
    expect(await p.flows()).toEqual([
      { id: '*901', accountId: 'acc', name: 'Night mode', active: true },
      { id: '*902', accountId: 'acc', name: '*902', active: false },
    ])
    const [call] = await p.calls()
    expect(call).toMatchObject({
      state: 'held',
      placedBy: 'outside',
      remote: { number: '+4520304050' },
    })
  })
})

describe('PBXCloud wire fixtures', () => {
  it('every fixture is served to the provider above and has its source in the README', () => {
    const dir = join(__dirname, '..', 'fixtures', 'wire', 'pbxcloud')
    const files = readdirSync(dir).filter((f) => f !== 'README.md')
    const source = readFileSync(__filename, 'utf8')
    const readme = readFileSync(join(dir, 'README.md'), 'utf8')
    expect(files.filter((f) => !source.includes(`'${f}'`))).toEqual([])
    expect(files.filter((f) => !readme.includes(`\`${f}\``))).toEqual([])
  })
})
