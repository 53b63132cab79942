/**
 * The packaging config, read by electron-builder's own loader and checked against
 * its own schema (so an option electron-builder does not know fails here, not in a release
 * build): targets, link protocols, asar unpacking, the Windows registry include,
 * the icon, and Electron's fuses as electron-builder writes them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { flipFuses, type FuseConfig } from '@electron/fuses'
import { PlatformPackager } from 'app-builder-lib'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util/out/DebugLogger'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../..')

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
  it('is valid for electron-builder 26', async () => {
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
    // What older versions wrote under HKCU\Software\Classes goes, if it still opens us.
    for (const scheme of ['tel', 'callto', 'sip']) {
      expect(uninstall).toContain(`!insertmacro sbRemoveLegacyScheme "${scheme}"`)
    }
    expect(nsh).toContain('DeleteRegKey HKCU "Software\\Classes\\${SCHEME}"')
    // The installer never takes a scheme itself: only its Capabilities candidate.
    expect(install).not.toMatch(/Software\\Classes\\(tel|callto|sip)\b/)
  })

  it('has a PNG icon large enough for .icns and .ico', async () => {
    const config = await loadConfig()
    const png = readFileSync(resolve(root, String(config.icon)))
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512)
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512)
  })
})

describe('Electron fuses', () => {
  // electron-builder's own translation of `electronFuses` into @electron/fuses'
  // config, applied by @electron/fuses to a stand-in binary: what a release gets.
  async function flipped(wires = 1): Promise<string[]> {
    const config = await loadConfig()
    const fuseConfig = await (
      PlatformPackager.prototype as unknown as {
        generateFuseConfig(fuses: unknown): Promise<FuseConfig>
      }
    ).generateFuseConfig.call({}, config.electronFuses)
    const dir = mkdtempSync(join(tmpdir(), 'sb-fuses-'))
    const file = join(dir, 'switchboard')
    writeFileSync(file, fakeBinary(wires))
    try {
      await flipFuses(file, fuseConfig)
      const binary = readFileSync(file)
      return Array.from({ length: wires }, (_, n) => wire(binary, n))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
  // Electron's defaults: run_as_node 1, cookie_encryption 0, node_options 1,
  // node_cli_inspect 1, asar_integrity 0, only_load_from_asar 0, v8 snapshot 0,
  // file protocol privileges 1, wasm trap handlers 1.
  const fakeBinary = (wires: number): Buffer =>
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
  const wire = (binary: Buffer, n: number): string => {
    let at = -1
    for (let i = 0; i <= n; i += 1) at = binary.indexOf(sentinel, at + 1)
    return binary.subarray(at + sentinel.length + 2, at + sentinel.length + 11).toString()
  }

  it('are set in electron-builder.yml as the security checklist asks', async () => {
    const config = await loadConfig()
    expect(config.afterPack ?? null).toBeNull()
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('are written into the fuse wire by electron-builder, file:// privileges off', async () => {
    // run_as_node 0, cookies 1, NODE_OPTIONS 0, inspect 0, asar integrity 1,
    // asar only 1, v8 snapshot untouched 0, file:// privileges 0, wasm untouched 1.
    expect(await flipped()).toEqual(['010011001'])
  })

  it('are written into both halves of a universal binary', async () => {
    expect(await flipped(2)).toEqual(['010011001', '010011001'])
  })
})
