/**
 * Phone links from the OS, with a mocked `electron`: found on the command line
 * (never mistaken for a switch), queued from macOS `open-url` until the app is
 * ready, parsed before anyone sees them, and registered as protocol handler.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeCore } from '../support/fake-electron-core'
import { resetFake, type FakeElectron } from '../support/fake-electron'
import {
  createLinkQueue,
  findLinkInArgv,
  MAX_PENDING_LINKS,
  protocolClientCalls,
} from '../../src/main/shell/link-routing'
import type { Dialable } from '../../src/shared/dialable'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

let fake: FakeElectron

beforeEach(() => {
  fake = resetFake()
  vi.resetModules()
})

describe('findLinkInArgv', () => {
  it.each([
    [['/opt/Switchboard/switchboard', 'tel:+4533123456'], 'tel:+4533123456'],
    [['C:\\Program Files\\Switchboard\\Switchboard.exe', '--', 'callto://201'], 'callto://201'],
    [['electron', '/home/me/app', 'SIP:201@pbx'], 'SIP:201@pbx'],
    [
      [
        'Switchboard.exe',
        '--allow-file-access-from-files',
        '--original-process-start-time=1',
        'tel:201',
      ],
      'tel:201',
    ],
    [['switchboard', 'tel:1', 'tel:2'], 'tel:1'],
  ])('finds the link in %j', (argv, link) => {
    expect(findLinkInArgv(argv)).toBe(link)
  })

  it.each([
    [['switchboard']],
    [['tel:201']], // argv[0] is the executable, never a link
    [['switchboard', '--tel:201', '-tel:201']],
    [['switchboard', '--inspect=tel:201']],
    [['switchboard', 'https://evil.example', 'file:///etc/passwd', 'telx:1']],
    [['switchboard', '/tmp/tel:201']],
  ])('finds none in %j', (argv) => {
    expect(findLinkInArgv(argv)).toBeUndefined()
  })
})

describe('the link queue', () => {
  it('holds links until started, then delivers in order and at once after', () => {
    const queue = createLinkQueue<string>()
    const seen: string[] = []
    queue.push('a')
    queue.push(undefined)
    queue.push('b')
    expect(queue.pending).toEqual(['a', 'b'])
    queue.start((link) => seen.push(link))
    queue.push('c')
    expect(seen).toEqual(['a', 'b', 'c'])
    expect(queue.pending).toEqual([])
  })

  it('drops a flood of early links beyond the cap', () => {
    const queue = createLinkQueue<number>()
    for (let i = 0; i < 100; i += 1) queue.push(i)
    expect(queue.pending).toHaveLength(MAX_PENDING_LINKS)
  })
})

describe('protocolClientCalls', () => {
  const base = { execPath: '/opt/electron/electron', argv: ['/opt/electron/electron', '.'] }

  it('registers tel, callto and sip by name when packaged on macOS and Linux', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      expect(protocolClientCalls({ ...base, platform, defaultApp: false })).toEqual([
        { scheme: 'tel' },
        { scheme: 'callto' },
        { scheme: 'sip' },
      ])
    }
  })

  it('uses the execPath, [app path] form in development', () => {
    const calls = protocolClientCalls({ ...base, platform: 'linux', defaultApp: true })
    expect(calls).toHaveLength(3)
    expect(calls[0]).toEqual({
      scheme: 'tel',
      path: '/opt/electron/electron',
      args: [process.cwd()],
    })
  })

  it('ends the Windows command line with -- so a link is never read as a switch', () => {
    expect(
      protocolClientCalls({
        ...base,
        execPath: 'C:\\S\\S.exe',
        platform: 'win32',
        defaultApp: false,
      })[2],
    ).toEqual({ scheme: 'sip', path: 'C:\\S\\S.exe', args: ['--'] })
    expect(protocolClientCalls({ ...base, platform: 'win32', defaultApp: true })[0]?.args).toEqual([
      process.cwd(),
      '--',
    ])
  })
})

describe('setupLinks with electron', () => {
  async function setup(argv: string[]) {
    const { setupLinks } = await import('../../src/main/shell/links')
    const { memoryLogger } = await import('../../src/main/log')
    const log = memoryLogger()
    const seen: { result: Dialable; source: string }[] = []
    const links = setupLinks({
      argv,
      log,
      defaultCountry: () => 'DK',
      onLink: (result, source) => seen.push({ result, source }),
    })
    return { links, seen, log }
  }

  it('queues the start link and macOS open-url links until ready', async () => {
    const { links, seen } = await setup(['switchboard', 'tel:33 12 34 56'])
    let prevented = false
    fake.electron.app.emit('open-url', { preventDefault: () => (prevented = true) }, 'callto://201')
    expect(prevented).toBe(true)
    expect(seen).toEqual([])

    links.ready()
    expect(seen.map((s) => s.source)).toEqual(['argv', 'open-url'])
    expect(seen[0]?.result).toMatchObject({ ok: true, number: '33123456', e164: '+4533123456' })
    expect(seen[1]?.result).toMatchObject({ ok: true, number: '201' })
  })

  it('reads links from a second instance, ignoring its switches', async () => {
    const { links, seen } = await setup(['switchboard'])
    links.ready()
    fake.electron.app.emit('second-instance', {}, [
      'switchboard',
      '--no-sandbox',
      '--',
      'sip:+4533123456@pbx.example.com',
    ])
    fake.electron.app.emit('second-instance', {}, ['switchboard', '--flag'])
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ source: 'second-instance', result: { e164: '+4533123456' } })
  })

  it('hands on a refusal in words and never logs the raw link', async () => {
    const { links, seen, log } = await setup(['switchboard', 'tel:123%0a--inspect'])
    links.ready()
    expect(seen[0]?.result.ok).toBe(false)
    expect(log.lines.join('\n')).toContain('Phone link refused (argv): The number contains control')
    expect(log.lines.join('\n')).not.toContain('inspect')
  })

  const mac = {
    platform: 'darwin' as const,
    defaultApp: false,
    execPath: '/Applications/Switchboard.app/Contents/MacOS/Switchboard',
    argv: [],
  }

  it('takes no phone links from the OS until the user turns them on, and hands them back', async () => {
    const { setupProtocolPreference } = await import('../../src/main/shell/links')
    const core = fakeCore()
    setupProtocolPreference(core.core, fake.electron.app, mac)
    expect(fake.electron.app.protocolClients).toEqual([])
    await core.core.setPreferences({ handleLinks: true })
    expect(fake.electron.app.protocolClients).toEqual([
      { scheme: 'tel' },
      { scheme: 'callto' },
      { scheme: 'sip' },
    ])
    await core.core.setPreferences({ theme: 'dark' })
    expect(fake.electron.app.protocolClients).toHaveLength(3)
    await core.core.setPreferences({ handleLinks: false })
    expect(fake.electron.app.protocolClients).toEqual([])
  })

  it('registers in the dev form when started as electron <app>', async () => {
    const { applyProtocolPreference } = await import('../../src/main/shell/links')
    const accepted = applyProtocolPreference(true, undefined, {
      platform: 'linux',
      defaultApp: true,
      execPath: '/x/electron',
      argv: ['/x/electron', '/src/app'],
    })
    expect(accepted).toEqual(['tel', 'callto', 'sip'])
    expect(fake.electron.app.protocolClients[0]).toEqual({
      scheme: 'tel',
      path: '/x/electron',
      args: ['/src/app'],
    })
  })

  it('on Windows never writes the schemes itself, and removes what an older version wrote', async () => {
    const { applyProtocolPreference } = await import('../../src/main/shell/links')
    const win = {
      platform: 'win32' as const,
      defaultApp: false,
      execPath: 'C:\\Switchboard\\Switchboard.exe',
      argv: [],
    }
    fake.electron.app.setAsDefaultProtocolClient('tel', win.execPath, ['--'])
    expect(applyProtocolPreference(true, fake.electron.app, win)).toEqual([])
    expect(fake.electron.app.protocolClients).toEqual([])
  })
})
