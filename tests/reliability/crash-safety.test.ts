/**
 * Crash safety: a child process writes the settings file and a session store
 * repeatedly and is killed (SIGKILL) at a random moment, 30 times. Every time, what
 * is on disk loads as a valid state with every account.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SessionStore, storeFileName } from '../../src/main/core/session/store'
import { SettingsFile } from '../../src/main/settings'
import { ACCOUNTS } from './crash-child'

const ROUNDS = 30
let work: string
let child: string

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sb-crash-'))
  child = join(work, 'crash-child.cjs')
  // One bundle, so each child starts in plain node in a few tens of milliseconds.
  await build({
    entryPoints: [join(__dirname, 'crash-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: child,
    logLevel: 'silent',
  })
})

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

function runAndKill(dir: string, killAfterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, dir], { stdio: ['ignore', 'pipe', 'inherit'] })
    let ready = false
    proc.stdout.on('data', (chunk: Buffer) => {
      if (ready || !chunk.toString().includes('ready')) return
      ready = true
      setTimeout(() => proc.kill('SIGKILL'), killAfterMs)
    })
    proc.on('error', reject)
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve()
      else reject(new Error(`the child exited by itself (${code ?? signal}) before it was killed`))
    })
  })
}

describe('crash safety', () => {
  it(`keeps valid settings and session memory through ${ROUNDS} kills at random moments`, async () => {
    const dir = join(work, 'data')
    for (let i = 0; i < ROUNDS; i++) {
      await runAndKill(dir, Math.random() * 120)
      const loaded = await new SettingsFile(dir).load()
      expect(loaded.notice, `round ${i}`).toBeUndefined()
      expect(loaded.settings.accounts.map((a) => a.id)).toEqual(ACCOUNTS)
      const store = await SessionStore.open(dir, 'office', Date.now())
      expect(store.notice, `round ${i}`).toBeUndefined()
      expect(await readdir(join(dir, 'sessions'))).toContain(storeFileName('office'))
      const names = await readdir(dir)
      expect(names.filter((n) => n.endsWith('.bak'))).toEqual([])
    }
  }, 120_000)
})
