/**
 * `npm run web`: the real core and the app's UI in a browser, for development.
 * Binds to 127.0.0.1 only. Options: --port N (default 4310), --data-dir DIR.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createAppCore } from '../main/core/app/app-core'
import { createMemoryBackend, SecretStore } from '../main/secrets/secret-store'
import { setProxyResolver } from '../main/providers/network'
import { envProxyResolver } from '../main/providers/proxy'
import { startWebServer } from './server'

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? process.argv[index + 1] : undefined
}

function dialectOption(value: string | undefined): 'pbxcloud' | 'restv1' | 'jade' {
  if (value === undefined || value === 'pbxcloud' || value === 'restv1' || value === 'jade') {
    return value ?? 'pbxcloud'
  }
  throw new Error(`--dialect must be pbxcloud, restv1 or jade (not "${value}")`)
}

async function main(): Promise<void> {
  const root = resolve(__dirname, '../..')
  const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
    version: string
  }
  // Node's stand-in for the system proxy: HTTPS_PROXY / HTTP_PROXY / NO_PROXY (CONNECT
  // tunnels). A company CA comes from NODE_EXTRA_CA_CERTS, which Node reads at start.
  setProxyResolver(envProxyResolver(process.env))
  // The bridge is a development tool: secrets typed into it live in memory only.
  const secrets = new SecretStore(createMemoryBackend())
  const core = await createAppCore({
    secrets,
    dataDir: resolve(option('data-dir') ?? resolve(root, '.web-data')),
    shell: 'browser',
    version,
    // --dialect restv1|jade runs the demo account over that face of the demo PBX.
    demo: { dialect: dialectOption(option('dialect')) },
  })
  const server = await startWebServer({
    core,
    rendererDir: resolve(root, 'out/renderer'),
    port: Number(option('port') ?? 4310),
  })
  console.log(`Switchboard is running in your browser at:\n\n  ${server.url}\n\n(Ctrl+C stops it.)`)
  const stop = (): void => {
    void server
      .close()
      .then(() => core.close())
      .then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`Switchboard (browser bridge) could not start: ${(error as Error).message}`)
  process.exit(1)
})
