/**
 * electron-builder afterPack hook: flip Electron's fuses in the packaged binary.
 *
 * electron-builder 25.1.8 has no `electronFuses` option and @electron/fuses is not
 * a dependency, so this writes the fuse wire directly, in the format @electron/fuses
 * uses: the sentinel below, one version byte (1), one length byte, then one ASCII
 * byte per fuse ('0' off, '1' on, 'r' removed) in FuseV1Options order. It runs
 * before signing, so the signature covers the flipped bytes.
 */
'use strict'
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const SENTINEL = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX', 'ascii')

/** Positions in the V1 wire (Electron's build/fuses/fuses.json5). */
const FUSE_INDEX = {
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
  loadBrowserProcessSpecificV8Snapshot: 6,
  grantFileProtocolExtraPrivileges: 7,
}

/**
 * What Switchboard ships with. Off: running the app as plain Node
 * (ELECTRON_RUN_AS_NODE), NODE_OPTIONS, --inspect: each would let anyone who
 * can start the app run code with its keychain access. On: encrypted cookies,
 * only the (integrity-checked) app.asar is loaded.
 */
const FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
}

/** Flip fuses in every wire found in `binary` (a universal macOS binary has two). */
function flipFuseWires(binary, fuses = FUSES) {
  let found = 0
  let at = binary.indexOf(SENTINEL)
  while (at !== -1) {
    const start = at + SENTINEL.length
    const version = binary[start]
    const length = binary[start + 1]
    if (version !== 1) throw new Error(`Unknown Electron fuse wire version ${version}.`)
    for (const [name, enabled] of Object.entries(fuses)) {
      const index = FUSE_INDEX[name]
      if (index === undefined) throw new Error(`Unknown fuse ${name}.`)
      if (index >= length) throw new Error(`This Electron has no fuse ${name}.`)
      const offset = start + 2 + index
      if (binary[offset] === 0x72) throw new Error(`The fuse ${name} was removed in this Electron.`)
      binary[offset] = enabled ? 0x31 : 0x30
    }
    found += 1
    at = binary.indexOf(SENTINEL, start)
  }
  if (found === 0) throw new Error('No Electron fuse wire found: is this an Electron binary?')
  return found
}

/** The file holding the fuse wire, per platform. */
function fuseBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context
  const name = packager.appInfo.productFilename
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(
      appOutDir,
      `${name}.app`,
      'Contents/Frameworks/Electron Framework.framework/Electron Framework',
    )
  }
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`)
  return path.join(appOutDir, packager.executableName)
}

async function afterPack(context) {
  const file = fuseBinaryPath(context)
  const binary = fs.readFileSync(file)
  const wires = flipFuseWires(binary)
  fs.writeFileSync(file, binary)
  // Changed bytes break the ad-hoc signature Apple silicon requires to start at
  // all; re-sign ad hoc (a real identity, if configured, signs again afterwards).
  if (context.electronPlatformName === 'darwin' && process.platform === 'darwin') {
    const app = path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`)
    execFileSync('codesign', [
      '--sign',
      '-',
      '--force',
      '--preserve-metadata=entitlements,requirements,flags,runtime',
      '--deep',
      app,
    ])
  }
  console.log(`  • electron fuses flipped  file=${file} wires=${wires}`)
}

module.exports = { afterPack, default: afterPack, flipFuseWires, fuseBinaryPath, FUSES, FUSE_INDEX }
