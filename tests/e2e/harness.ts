/**
 * End-to-end harness: the real core and the browser bridge serving the built
 * renderer, driven by Debian's Chromium through playwright-core. Chromium is
 * optional on a developer machine (the tests skip, saying why) and required
 * under CI=true (the tests fail, saying what to install).
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startDemoForApp, type DemoPbx } from '@switchboard/demo-pbx/testing'
import { chromium, type Browser, type Page } from 'playwright-core'
import { growAppOffice } from '../../bench/lib/office'
import type { CoreOptions } from '../../src/main/core/app/app-core'
import { createTestingCore, type TestingCore } from '../../src/main/core/app/testing'
import { memoryLogger } from '../../src/main/log'
import { createMemoryBackend, SecretStore } from '../../src/main/secrets/secret-store'
import { startWebServer, type WebServer } from '../../src/web/server'

export const root = resolve(__dirname, '../..')
export const screensDir = join(root, 'test-results', 'screens')

export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null
}

const rendererBuilt = existsSync(join(root, 'out/renderer/index.html'))

/** Why the e2e suite cannot run here, or null when it can. Under CI a reason is a failure. */
export function missingPrerequisite(): string | null {
  if (!chromiumPath())
    return 'Chromium is not installed: apt-get install chromium (or set CHROMIUM_PATH).'
  if (!rendererBuilt) return 'The renderer is not built: run npm run build first.'
  return null
}

const reason = missingPrerequisite()
if (reason && process.env.CI) throw new Error(`End-to-end tests are required under CI. ${reason}`)
if (reason) console.warn(`Skipping end-to-end tests: ${reason}`)
export const canRun = reason === null

export interface Running {
  core: TestingCore<DemoPbx>
  server: WebServer
  browser: Browser
  page: Page
  close(): Promise<void>
}

export interface LaunchOptions {
  colorScheme?: 'light' | 'dark'
  locale?: string
  /** Demo PBX settings; by default a quiet office (no random calls) so tests script their own. */
  demo?: CoreOptions<DemoPbx>['demo']
  /** Grow the demo office to this many extensions before the page loads. */
  extensions?: number
}

export async function launch(options: LaunchOptions = {}): Promise<Running> {
  const core = await createTestingCore({
    dataDir: await mkdtemp(join(tmpdir(), 'sb-e2e-')),
    shell: 'browser',
    version: '0.1.0',
    log: memoryLogger(),
    // The testing entry's demo, so tests drive the office the app is connected to.
    demo:
      options.demo === false
        ? false
        : { start: startDemoForApp, ...(options.demo ?? { office: false }) },
    secrets: new SecretStore(createMemoryBackend()),
    // Stands in for the agent clicking Allow in the desktop app's native dialog.
    confirmOrigin: async () => true,
  })
  if (options.extensions) await growAppOffice(core, options.extensions)
  const server = await startWebServer({
    core,
    rendererDir: join(root, 'out/renderer'),
    log: memoryLogger(),
  })
  const browser = await chromium.launch({
    executablePath: chromiumPath()!,
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
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
  })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  await page.goto(server.url)
  return {
    core,
    server,
    browser,
    page,
    close: async () => {
      await browser.close()
      await server.close()
      await core.close()
      if (problems.length) throw new Error(`The page reported errors:\n${problems.join('\n')}`)
    },
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screensDir, { recursive: true })
  const path = join(screensDir, `${name}.png`)
  await page.screenshot({ path })
  return path
}
