/**
 * Secrets never leak, per dialect: an end-to-end flow (core + bridge + Chromium + the
 * demo PBX, with faults so error paths log and tokens are renewed) and none of the
 * demo account's credentials, nor any token the face issued meanwhile, may appear in
 * a log line, a bridge WebSocket frame, the DOM, or any file under the data dir.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chromiumExecutable, launchApp, type Launched } from '../../bench/lib/browser'
import { dialectRunners } from '../../bench/lib/dialects'
import { sleep } from '../../bench/lib/stats'
import type { FaultSpec } from '@switchboard/demo-pbx/testing'
import { memoryLogger } from '../../src/main/log'

const online = (app: Launched): boolean => app.core.sessions.get('demo')?.state === 'online'

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  for (const start = Date.now(); !done(); await sleep(100)) {
    if (Date.now() - start > timeoutMs) throw new Error(`not done within ${timeoutMs} ms`)
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await filesUnder(path)))
    else out.push(path)
  }
  return out
}

describe.skipIf(!chromiumExecutable())('secrets never leak', () => {
  it.each(dialectRunners.map((runner) => [runner.dialect, runner] as const))(
    '%s: not in logs, bridge frames, the DOM or the data dir',
    async (_dialect, runner) => {
      const log = memoryLogger()
      const bridgeLog = memoryLogger()
      const frames: string[] = []
      const app = await launchApp({
        demo: { dialect: runner.dialect, office: true, officeIntervalMs: 1500 },
        log,
        bridgeLog,
      })
      try {
        const { page } = app
        const demo = app.core.demo!
        const secrets = runner.secrets(demo)
        const tokens: string[] = []
        runner.watchTokens?.(demo, (token) => tokens.push(token))
        page.on('websocket', (ws) => {
          ws.on('framesent', (f) => frames.push(String(f.payload)))
          ws.on('framereceived', (f) => frames.push(String(f.payload)))
        })
        // The socket opened before the listener: reload so every frame is seen.
        await page.reload()
        expect(secrets.every((secret) => secret.length > 8)).toBe(true)
        await page.locator('[data-extension="201"]').waitFor()
        app.core.signal('focus')
        demo.scenario.inboundCall({ from: '+4570102030', to: '201', ringMs: 3000, talkMs: 2000 })
        await page.getByTestId('incoming-call').first().waitFor({ timeout: 8000 })
        // Error paths: each fault kind the face has, so failures are logged and shown
        // (and, where there are tokens, new ones are issued and used).
        const faults = runner.faults(demo)
        const specs: FaultSpec[] = [
          { kind: 'http5xx', status: 503 },
          { kind: 'html', status: 200 },
          { kind: 'malformed', mode: 'garbage' },
          { kind: 'reset' },
          { kind: 'rate_limit', retryAfterSec: 2 },
          { kind: 'token_expiry' },
          { kind: 'socket_drop' },
        ]
        for (const fault of specs.filter((spec) => faults.supports(spec.kind))) {
          faults.add({ ...fault, times: 2 })
          await sleep(1500)
        }
        // Every fault spent and the session back; then a restart signs in afresh.
        await until(() => faults.size === 0 && online(app), 30_000)
        await app.core.sessions.restart('demo')
        await until(() => online(app), 15_000)
        await sleep(2000)
        if (runner.watchTokens) expect(tokens.length).toBeGreaterThan(0)
        const dom = await page.evaluate(() => document.documentElement.outerHTML)
        const files = await filesUnder(app.dataDir)
        const contents = await Promise.all(files.map((f) => readFile(f, 'utf8')))
        expect(frames.length).toBeGreaterThan(5)
        expect(files.length).toBeGreaterThan(0)
        const where = (label: string, texts: string[]): string[] =>
          texts.flatMap((text, i) =>
            [...secrets, ...tokens].some((secret) => text.includes(secret))
              ? [`${label} ${i}`]
              : [],
          )
        const leaks = [
          ...where('log line', log.lines),
          ...where('bridge log line', bridgeLog.lines),
          ...where('bridge frame', frames),
          ...where('DOM', [dom]),
          ...where('file', contents).map((w) => `${w}: ${files[Number(w.split(' ')[1])]}`),
        ]
        expect(leaks).toEqual([])
      } finally {
        await app.close()
      }
    },
    90_000,
  )
})
