/**
 * The real core (demo PBX on the wall clock), the browser bridge and Chromium, for
 * measurements and the reliability suite. An init script, run before the renderer,
 * stamps what the benchmarks time: when the incoming-call popup appears (wall-clock
 * ms) and how long each presence delta from the bridge takes to apply and lay out.
 */
import { existsSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startDemoForApp, type DemoPbx } from '@switchboard/demo-pbx/testing'
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core'
import type { CoreOptions } from '../../src/main/core/app/app-core'
import { createTestingCore, type TestingCore } from '../../src/main/core/app/testing'
import { createLogger, type Logger } from '../../src/main/log'
import { startWebServer, type WebServer } from '../../src/web/server'
import { growAppOffice } from './office'

export const repoRoot = resolve(__dirname, '../..')

export function chromiumExecutable(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null
}

export interface Probe {
  popups: { wallMs: number; text: string }[]
  deltas: number[]
  /**
   * The board's first render after this page load: from the arrival of the
   * `state:snapshot` answer (the lamps of every extension) to the first tiles in the
   * DOM, styled and laid out; and from navigation start to the same moment.
   */
  firstTiles?: { sinceSnapshotMs: number; sinceNavigationMs: number }
  /** Elements the page created that must never appear from data (img, script, …). */
  hostile: string[]
}

declare global {
  interface Window {
    __sbProbe?: Probe
  }
}

/**
 * Runs in the page before any of its scripts. With `hostile`, every element the page
 * adds is searched for tags data must never create: only where that is what is
 * tested, since the search would add its own cost to every figure timed here.
 */
function probeScript(options: { hostile: boolean }): void {
  const probe: Probe = { popups: [], deltas: [], hostile: [] }
  window.__sbProbe = probe
  const wall = (): number => performance.timeOrigin + performance.now()
  let shown = ''
  let snapshotAt = -1
  const watch = (): void => {
    if (!probe.firstTiles && snapshotAt >= 0 && document.querySelector('[data-extension]')) {
      void document.body.offsetHeight
      const now = performance.now()
      probe.firstTiles = { sinceSnapshotMs: now - snapshotAt, sinceNavigationMs: now }
    }
    const popup = document.querySelector('[data-testid="incoming-call"]')
    const text = popup?.textContent ?? ''
    if (popup && text.trim() !== '' && text !== shown) probe.popups.push({ wallMs: wall(), text })
    shown = popup ? text : ''
  }
  new MutationObserver((records) => {
    if (options.hostile)
      for (const record of records) {
        for (const node of Array.from(record.addedNodes)) {
          if (!(node instanceof Element)) continue
          const found = Array.from(node.querySelectorAll('img,script,iframe,object,embed'))
          for (const el of [node, ...found]) {
            if (/^(IMG|SCRIPT|IFRAME|OBJECT|EMBED)$/.test(el.tagName))
              probe.hostile.push(el.tagName)
          }
        }
      }
    watch()
  }).observe(document, { childList: true, subtree: true, characterData: true })
  // A presence delta: from the bridge message's arrival to the DOM patched and laid out.
  const Native = window.WebSocket
  class Timed extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      this.addEventListener('message', (event: MessageEvent) => {
        if (typeof event.data !== 'string') return
        // The answer to `state:snapshot`: the only message with every lamp and status.
        if (event.data.startsWith('{"type":"result"') && event.data.includes('"statuses":'))
          snapshotAt = performance.now()
        if (!event.data.includes('"presence:changed"')) return
        const start = performance.now()
        const channel = new MessageChannel()
        channel.port1.onmessage = () => {
          void document.body.offsetHeight
          probe.deltas.push(performance.now() - start)
        }
        channel.port2.postMessage(0)
      })
    }
  }
  window.WebSocket = Timed
}

export interface Launched {
  core: TestingCore<DemoPbx>
  server: WebServer
  browser: Browser
  page: Page
  cdp: CDPSession
  dataDir: string
  probe(): Promise<Probe>
  /** JS heap of the page after a full GC (bytes). */
  heapAfterGc(): Promise<number>
  close(): Promise<void>
}

export interface LaunchOptions {
  demo?: CoreOptions<DemoPbx>['demo']
  /** Grow the demo office to this many extensions before the page loads. */
  extensions?: number
  log?: Logger
  bridgeLog?: Logger
  /** Record elements the page creates that data must never create (`Probe.hostile`). */
  watchHostile?: boolean
}

/** The real core in a fresh data folder, on the testing entry's demo PBX. */
async function startCore(
  options: LaunchOptions,
  dataDir: string,
  quiet: Logger,
): Promise<TestingCore<DemoPbx>> {
  const core = await createTestingCore({
    dataDir,
    shell: 'browser',
    version: '0.1.0',
    log: options.log ?? quiet,
    // The testing entry's demo, so tests drive the office the app is connected to.
    demo:
      options.demo === false
        ? false
        : { start: startDemoForApp, ...(options.demo ?? { office: false }) },
  })
  if (options.extensions) await growAppOffice(core, options.extensions)
  return core
}

/** Headless Chromium with the probe in place, on the bridge's page. */
async function openPage(
  executablePath: string,
  url: string,
  watchHostile: boolean,
): Promise<{ browser: Browser; page: Page; cdp: CDPSession }> {
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  const context = await browser.newContext({
    viewport: { width: 1180, height: 760 },
    locale: 'en-US',
  })
  // tsx keeps function names with an `__name` helper the page lacks: give it one.
  await context.addInitScript({
    content: `globalThis.__name = (f) => f;\n(${probeScript.toString()})(${JSON.stringify({
      hostile: watchHostile,
    })})`,
  })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await page.goto(url)
  return { browser, page, cdp }
}

export async function launchApp(options: LaunchOptions = {}): Promise<Launched> {
  const executablePath = chromiumExecutable()
  if (!executablePath) throw new Error('Chromium is not installed (or set CHROMIUM_PATH).')
  const dataDir = await mkdtemp(join(tmpdir(), 'sb-bench-'))
  const quiet = createLogger('bench', () => undefined)
  const core = await startCore(options, dataDir, quiet)
  const server = await startWebServer({
    core,
    rendererDir: join(repoRoot, 'out/renderer'),
    log: options.bridgeLog ?? quiet,
  })
  const { browser, page, cdp } = await openPage(
    executablePath,
    server.url,
    options.watchHostile ?? false,
  )
  return {
    core,
    server,
    browser,
    page,
    cdp,
    dataDir,
    probe: () =>
      page.evaluate(() => {
        const p = window.__sbProbe
        return p ? structuredClone(p) : { popups: [], deltas: [], hostile: [] }
      }),
    heapAfterGc: async () => {
      await cdp.send('HeapProfiler.collectGarbage')
      const { usedSize } = await cdp.send('Runtime.getHeapUsage')
      return usedSize
    },
    close: async () => {
      await browser.close().catch(() => undefined)
      await server.close()
      await core.close()
    },
  }
}
