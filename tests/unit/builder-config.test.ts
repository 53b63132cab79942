/**
 * The packaging config, read by electron-builder's own loader and checked against
 * its own schema (so an option 25.1.8 does not know fails here, not in a release
 * build): targets, link protocols, asar unpacking, the Windows registry include,
 * the icon, and the afterPack hook that flips Electron's fuses.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util/out/DebugLogger'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../..')
const require = createRequire(import.meta.url)

interface FuseHook {
  afterPack: (context: unknown) => Promise<void>
  flipFuseWires: (binary: Buffer, fuses?: Record<string, boolean>) => number
  fuseBinaryPath: (context: unknown) => string
  FUSES: Record<string, boolean>
  FUSE_INDEX: Record<string, number>
}
const hook = require(resolve(root, 'build/after-pack.cjs')) as FuseHook

async function loadConfig() {
  const config = await getConfig(root, null, null)
  await validateConfiguration(config, new DebugLogger(false))
  return config
}

const asList = <T>(value: T | T[] | null | undefined): T[] =>
  value == null ? [] : Array.isArray(value) ? value : [value]

function targetNames(targets: unknown): string[] {
  return asList(targets as unknown).map((t) =>
    typeof t === 'string' ? t : (t as { target: string }).target,
  )
}

describe('electron-builder.yml', () => {
  it('is valid for electron-builder 25.1.8', async () => {
    const config = await loadConfig()
    expect(config.appId).toBe('eu.switchboard.desktop')
    expect(config.productName).toBe('Switchboard')
  })

  it('builds AppImage, deb and rpm, NSIS, and dmg + zip (electron-updater needs the zip on macOS)', async () => {
    const config = await loadConfig()
    expect(targetNames(config.linux?.target)).toEqual(['AppImage', 'deb', 'rpm'])
    expect(targetNames(config.win?.target)).toEqual(['nsis'])
    expect(targetNames(config.mac?.target)).toEqual(['dmg', 'zip'])
  })

  it('builds every installer for x64 and arm64', async () => {
    const config = await loadConfig()
    for (const targets of [config.linux?.target, config.win?.target, config.mac?.target]) {
      for (const target of asList(targets as unknown)) {
        expect(target, JSON.stringify(target)).toMatchObject({ arch: ['x64', 'arm64'] })
      }
    }
  })

  it('lets the deb pull in every library Electron needs, plus libsecret for the keyring', async () => {
    const config = await loadConfig()
    // electron-builder's defaults: `depends` replaces them, so all must be listed.
    expect(asList(config.deb?.depends)).toEqual([
      'libgtk-3-0',
      'libnotify4',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0',
      'libuuid1',
      'libsecret-1-0',
    ])
  })

  it('lets the rpm pull in the same libraries under their rpm names', async () => {
    const config = await loadConfig()
    expect(asList(config.rpm?.depends)).toEqual(
      expect.arrayContaining(['gtk3', 'nss', 'xdg-utils', 'libsecret', 'libXScrnSaver']),
    )
    expect(asList(config.rpm?.depends)).toHaveLength(9)
  })

  it('installs per user by default, and per machine only when asked (/allusers)', async () => {
    const config = await loadConfig()
    expect(config.nsis?.oneClick).toBe(false)
    expect(config.nsis?.perMachine).toBe(false)
    // Without elevation a silent `/S /allusers` install could not write Program Files.
    expect(config.nsis?.allowElevation).not.toBe(false)
    const readme = readFileSync(resolve(root, 'README.md'), 'utf8')
    const section = readme.slice(readme.indexOf('## Installing on many desktops'))
    expect(section).toContain('/S')
    expect(section).toContain('/allusers')
  })

  it('publishes updates to a generic server whose URL is given at build time', async () => {
    const config = await loadConfig()
    const [publish, ...others] = asList(config.publish as unknown)
    expect(others).toEqual([])
    expect(publish).toEqual({ provider: 'generic', url: '${env.SWITCHBOARD_UPDATE_URL}' })
  })

  it('declares tel, callto and sip (macOS plist; Linux MimeType comes from the same list)', async () => {
    const config = await loadConfig()
    const schemes = asList(config.protocols).flatMap((p) => asList(p.schemes))
    expect(schemes.sort()).toEqual(['callto', 'sip', 'tel'])
    // What LinuxTargetHelper writes into the .desktop file from `protocols`:
    const mime = schemes.map((s) => `x-scheme-handler/${s}`)
    expect(mime).toContain('x-scheme-handler/tel')
    // Listing them again in linux.mimeTypes would duplicate the entries.
    expect(config.linux?.mimeTypes ?? []).toEqual([])
  })

  it('unpacks keytar (native code) from the asar', async () => {
    const config = await loadConfig()
    expect(config.asar).not.toBe(false)
    expect(asList(config.asarUnpack)).toContain('node_modules/@github/keytar/**')
  })

  it('includes the NSIS script that registers and removes the URL capabilities', async () => {
    const config = await loadConfig()
    expect(config.nsis?.include).toBe('build/installer.nsh')
    const nsh = readFileSync(resolve(root, 'build/installer.nsh'), 'utf8')
    const install = nsh.slice(
      nsh.indexOf('!macro customInstall'),
      nsh.indexOf('!macro customUnInstall'),
    )
    const uninstall = nsh.slice(nsh.indexOf('!macro customUnInstall'))
    for (const scheme of ['tel', 'callto', 'sip']) {
      expect(nsh).toContain(`!insertmacro sbRegisterScheme "${scheme}"`)
      expect(uninstall).toContain(`DeleteRegKey SHCTX "Software\\Classes\\Switchboard.${scheme}"`)
    }
    expect(nsh).toContain('WriteRegStr SHCTX "${SB_CAPABILITIES}\\URLAssociations" "${SCHEME}"')
    expect(install).toContain('WriteRegStr SHCTX "Software\\RegisteredApplications" "Switchboard"')
    expect(uninstall).toContain(
      'DeleteRegValue SHCTX "Software\\RegisteredApplications" "Switchboard"',
    )
    expect(uninstall).toContain('DeleteRegKey SHCTX "${SB_CAPABILITIES}"')
    expect(nsh).toContain(`-- "%1"`)
  })

  it('has a PNG icon large enough for .icns and .ico', async () => {
    const config = await loadConfig()
    const png = readFileSync(resolve(root, String(config.icon)))
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512)
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512)
  })

  it('runs the fuse hook after packing', async () => {
    const config = await loadConfig()
    expect(config.afterPack).toBe('./build/after-pack.cjs')
    expect(typeof hook.afterPack).toBe('function')
  })
})

describe('Electron fuses', () => {
  it('are set as the security checklist asks', () => {
    expect(hook.FUSES).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
    })
  })

  const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
  // Electron's defaults: run_as_node 1, cookie_encryption 0, node_options 1,
  // node_cli_inspect 1, asar_integrity 0, only_load_from_asar 0, v8 snapshot 0,
  // file protocol privileges 1, wasm trap handlers 1.
  const fakeBinary = (wires = 1): Buffer =>
    Buffer.concat(
      Array.from({ length: wires }, () =>
        Buffer.concat([
          Buffer.from('\x7fELF...padding...'),
          Buffer.from(sentinel),
          Buffer.from([1, 9]),
          Buffer.from('101100011'),
        ]),
      ),
    )
  const wire = (binary: Buffer, n = 0): string => {
    let at = -1
    for (let i = 0; i <= n; i += 1) at = binary.indexOf(sentinel, at + 1)
    return binary.subarray(at + sentinel.length + 2, at + sentinel.length + 11).toString()
  }

  it('are written into the fuse wire, leaving the others alone', () => {
    const binary = fakeBinary()
    expect(hook.flipFuseWires(binary)).toBe(1)
    expect(wire(binary)).toBe('010011011')
  })

  it('are written into both halves of a universal binary', () => {
    const binary = fakeBinary(2)
    expect(hook.flipFuseWires(binary)).toBe(2)
    expect(wire(binary, 1)).toBe('010011011')
  })

  it('refuse a binary without a wire, or with an unknown wire version', () => {
    expect(() => hook.flipFuseWires(Buffer.from('not electron'))).toThrow(/No Electron fuse wire/)
    const binary = fakeBinary()
    binary[binary.indexOf(sentinel) + sentinel.length] = 2
    expect(() => hook.flipFuseWires(binary)).toThrow(/version 2/)
  })

  it('are looked for in the right file on each platform', () => {
    const packager = { appInfo: { productFilename: 'Switchboard' }, executableName: 'switchboard' }
    const at = (electronPlatformName: string) =>
      hook.fuseBinaryPath({ appOutDir: '/o', electronPlatformName, packager })
    expect(at('linux')).toBe('/o/switchboard')
    expect(at('win32')).toBe('/o/Switchboard.exe')
    expect(at('darwin')).toBe(
      '/o/Switchboard.app/Contents/Frameworks/Electron Framework.framework/Electron Framework',
    )
  })
})
