/**
 * What `npm run build` leaves outside the main bundle is what app.asar must
 * carry: only packages main itself loads, each listed in `dependencies`. And
 * what it puts inside: the demo PBX's product entry in its own lazily loaded
 * chunk, and none of the demo's test hooks.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageOf } from '../support/imports'

const root = resolve(__dirname, '../..')
const bundle = resolve(root, 'out/main/index.js')

describe('the built main bundle', () => {
  it('loads only Electron, Node and the packages listed in dependencies', () => {
    expect(existsSync(bundle), 'run `npm run build` first').toBe(true)
    const code = readFileSync(bundle, 'utf8')
    const loaded = new Set<string>()
    for (const match of code.matchAll(/\b(?:require|import)\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) {
      const name = packageOf(match[1] ?? '')
      if (name) loaded.add(name)
    }
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
    }
    const allowed = new Set(['electron', ...Object.keys(pkg.dependencies)])
    expect([...loaded].filter((name) => !allowed.has(name))).toEqual([])
    // The renderer's framework is bundled into the renderer, never loaded by main.
    for (const name of ['vue', 'pinia', 'vue-i18n', '@tanstack/vue-virtual'])
      expect(loaded.has(name), name).toBe(false)
    expect(loaded.has('electron')).toBe(true)
  })
})

/** Every script of the main build (index.js and its chunks), by path under out/main. */
function mainScripts(): Map<string, string> {
  const scripts = new Map<string, string>()
  for (const [name, code] of mainFiles()) if (name.endsWith('.js')) scripts.set(name, code)
  return scripts
}

/** Every file of the main build (scripts, chunks, maps, anything else), by path under out/main. */
function mainFiles(): Map<string, string> {
  const dir = resolve(root, 'out/main')
  expect(existsSync(dir), 'run `npm run build` first').toBe(true)
  const files = new Map<string, string>()
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    const file = join(entry.parentPath, entry.name)
    files.set(relative(dir, file), readFileSync(file, 'utf8'))
  }
  return files
}

/**
 * Code only the demo package's testing entry has: if any of it reaches the app,
 * the test hooks ship. Each marker is also looked for in the file it comes from,
 * so renaming it there fails this test instead of silently passing it.
 */
const testHooks = [
  { what: 'the fault injector', file: 'faults.ts', marker: 'class FaultInjector' },
  { what: 'the fault injector', file: 'faults.ts', marker: 'function htmlErrorPage' },
  { what: 'the request counters', file: 'request-tap.ts', marker: 'class RequestTap' },
  { what: 'the request counters', file: 'request-tap.ts', marker: 'resetCounts(' },
  { what: 'the scenario runner', file: 'scenario.ts', marker: 'class Scenario' },
  { what: 'the scenario runner', file: 'scenario.ts', marker: 'No consultation call' },
  { what: 'the dialect fixture table', file: 'dialects.ts', marker: 'dialectFixtures' },
  { what: 'the testing entry', file: 'testing.ts', marker: 'function startDemoPbx' },
  { what: 'the hidden calls', file: 'hidden-calls.ts', marker: 'class HiddenCalls' },
  { what: 'the jade test face', file: 'testing-jade-face.ts', marker: 'class TestingJadeFace' },
  {
    what: 'the PBXCloud test face',
    file: 'testing-pbxcloud-face.ts',
    marker: 'class TestingPbxcloudFace',
  },
  { what: 'the REST test face', file: 'testing-restv1-face.ts', marker: 'class TestingRestv1Face' },
]

/**
 * What tests do to a face (hide a call, change CHANNELS answers, forget every
 * jade token, drop jade's sockets, stop its events, a new certificate), by name
 * and the testing file that has it. (REST's token and budget hooks: below.)
 */
const hookNames = [
  { name: 'hideCall', file: 'testing-jade-face.ts' },
  { name: 'hideCall', file: 'testing-pbxcloud-face.ts' },
  { name: 'hideCall', file: 'testing-restv1-face.ts' },
  { name: 'addChannelFilter', file: 'testing-pbxcloud-face.ts' },
  { name: 'channelFilters', file: 'testing-pbxcloud-face.ts' },
  { name: 'forgetAll', file: 'testing-jade-face.ts' },
  { name: 'dropSockets', file: 'testing-jade-face.ts' },
  { name: 'eventsDown', file: 'testing-jade-face.ts' },
  { name: 'regenerateCertificate', file: 'testing-jade-face.ts' },
]

describe('the demo PBX in the built app', () => {
  const demoSource = resolve(root, 'packages/demo-pbx/src')

  it.each(testHooks)('the app ships without $what ($marker)', ({ file, marker }) => {
    const built = marker.replace(/^class |^function /, '')
    expect(readFileSync(join(demoSource, file), 'utf8')).toContain(marker)
    for (const [name, code] of mainFiles())
      expect(code.includes(built), `${name} contains ${built}`).toBe(false)
  })

  it.each(hookNames)(
    'no file the app ships names the test hook $name ($file)',
    ({ name, file }) => {
      const word = new RegExp(`\\b${name}\\b`)
      expect(readFileSync(join(demoSource, file), 'utf8')).toMatch(word)
      for (const [built, code] of mainFiles())
        expect(word.test(code), `${built} contains ${name}`).toBe(false)
    },
  )

  it('loads the demo faces from a separate chunk, only when index.js asks for it', () => {
    const scripts = mainScripts()
    const faces = [...scripts].filter(([, code]) => code.includes('class PbxcloudFace'))
    expect(faces.map(([name]) => name)).toHaveLength(1)
    const [chunk, code] = faces[0] ?? ['', '']
    expect(chunk).not.toBe('index.js')
    for (const face of ['class Restv1Face', 'class JadeFace', 'function startDemoOffice'])
      expect(code, face).toContain(face)
    const index = scripts.get('index.js') ?? ''
    expect(index).not.toContain('class PbxcloudFace')
    // Loaded with import() (CommonJS output: a deferred require), never at start-up.
    const path = `./${chunk}`
    const lazy = [`import("${path}")`, `Promise.resolve().then(() => require("${path}"))`]
    const count = (text: string): number => index.split(text).length - 1
    const lazyLoads = lazy.reduce((sum, form) => sum + count(form), 0)
    expect(lazyLoads, `lazy loads of ${path}`).toBeGreaterThan(0)
    // Every load of the chunk is one of the lazy ones: none at start-up.
    expect(count(`import("${path}")`) + count(`require("${path}")`)).toBe(lazyLoads)
  })

  it('loads only Electron, Node and the packages listed in dependencies from any chunk', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
    }
    const allowed = new Set(['electron', ...Object.keys(pkg.dependencies)])
    for (const [name, code] of mainScripts()) {
      for (const match of code.matchAll(/\b(?:require|import)\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) {
        const loaded = packageOf(match[1] ?? '')
        if (loaded) expect(allowed.has(loaded), `${name} loads ${loaded}`).toBe(true)
      }
    }
  })
})

/**
 * The REST face's test hooks (restv1-testing.ts, the testing entry's face): each
 * name is looked for in that file, then in the built demo chunk and every other
 * script of the main build.
 */
const restHooks = [
  'class TestRestv1Face',
  'revokeClient(',
  'restoreClient(',
  'blockUser(',
  'setRateBudget(',
  'resetRateLimits(',
  'extensionIdOf(',
  'callUuidOf(',
  'voicemailUuidOf(',
]

describe('the REST face in the built app', () => {
  const hooksFile = resolve(root, 'packages/demo-pbx/src/restv1-testing.ts')

  it.each(restHooks)('ships without the test hook %s', (marker) => {
    expect(readFileSync(hooksFile, 'utf8')).toContain(marker)
    const built = marker.replace(/^class /, '')
    const scripts = mainScripts()
    const demoChunk = [...scripts].filter(([, code]) => code.includes('class Restv1Face'))
    expect(demoChunk).toHaveLength(1)
    for (const [name, code] of scripts)
      expect(code.includes(built), `${name} contains ${built}`).toBe(false)
  })
})
