/**
 * Hostile input end to end: caller names with markup, script, right-to-left
 * overrides, control characters and 100 kB travel demo → provider → session →
 * bridge → Chromium and stay inert text; and an API answering 50 MB becomes a
 * clear `bad_response` error, quickly, with memory bounded.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { chromiumExecutable, launchApp } from '../../bench/lib/browser'
import { heapUsedMB } from '../../bench/process-cost'
import { PbxCloudProvider } from '../../src/main/providers/pbxcloud'
import { AppError } from '../../src/shared/result'

const hostileNames = [
  '<img src=x onerror="document.title=\'pwned\'">',
  '<script>document.title="pwned"</script>',
  '"><svg onload=alert(1)>',
  '\u202Egnp.exe\u202C Mette \u200F\u061C',
  'Line\r\nBreak\u0000Null\u0007Bell\u001b[31mRed\u2028Sep',
  `${'A'.repeat(100_000)}<img src=y onerror=alert(2)>`,
  '{{ constructor.constructor("document.title=1")() }}',
]

describe.skipIf(!chromiumExecutable())('hostile caller names in Chromium', () => {
  it('stay inert text; nothing executes; the page stays responsive and small', async () => {
    const app = await launchApp({ demo: { office: false }, watchHostile: true })
    try {
      const { page } = app
      await page.locator('[data-extension="201"]').waitFor()
      app.core.signal('focus')
      const title = await page.title()
      // The app's own script tags were added while the page loaded: only later ones count.
      const baseline = (await app.probe()).hostile.length
      // …and prove the watch is on: it saw them.
      expect(baseline).toBeGreaterThan(0)
      const demo = app.core.demo!
      for (const [i, name] of hostileNames.entries()) {
        const number = `+4550${String(100000 + i)}`
        demo.scenario.inboundCall({
          from: number,
          fromName: name,
          to: '201',
          ringMs: 2500,
          talkMs: 200,
        })
        const popup = page.getByTestId('incoming-call')
        await page.waitForFunction(
          (n) => document.querySelector('[data-testid="incoming-call"]')?.textContent?.includes(n),
          number,
          { timeout: 8000 },
        )
        const text = (await popup.textContent()) ?? ''
        expect(text).not.toMatch(/[\u202A-\u202E\u0000-\u0008\u001b]/)
        expect(text.length).toBeLessThan(5000)
        const started = Date.now()
        expect(await page.evaluate(() => 1 + 1)).toBe(2)
        expect(Date.now() - started).toBeLessThan(2000)
        await popup.waitFor({ state: 'detached', timeout: 10_000 })
      }
      expect((await app.probe()).hostile.slice(baseline)).toEqual([])
      expect(await page.locator('img, iframe, object, embed').count()).toBe(0)
      expect(await page.title()).toBe(title)
      expect(await app.heapAfterGc()).toBeLessThan(60 * 1048576)
    } finally {
      await app.close()
    }
  }, 120_000)
})

describe('an API answering 50 MB', () => {
  it('is refused as bad_response, without hanging, memory bounded', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'x')
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      let sent = 0
      const more = (): void => {
        while (sent < 50 && !res.destroyed) {
          sent++
          if (!res.write(chunk)) return void res.once('drain', more)
        }
        res.end()
      }
      more()
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const { port } = server.address() as AddressInfo
    const provider = new PbxCloudProvider(
      'big',
      { baseUrl: `http://127.0.0.1:${port}/pbx/proxyapi.php`, tenant: 'DEMO', ownExtension: '201' },
      'big-answer-key-123456',
      { timeoutMs: 10_000 },
    )
    try {
      const before = heapUsedMB()
      const started = Date.now()
      const error = await provider.presence().then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).kind).toBe('bad_response')
      expect((error as AppError).message).toMatch(/larger than/)
      expect(Date.now() - started).toBeLessThan(10_000)
      expect(heapUsedMB() - before).toBeLessThan(20)
    } finally {
      await provider.close()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    }
  }, 30_000)
})
